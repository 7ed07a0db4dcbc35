import WaymarkCLI

WaymarkCommand.main()
