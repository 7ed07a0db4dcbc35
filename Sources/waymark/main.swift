import WaymarkCLI

WaymarkCommand.start()
