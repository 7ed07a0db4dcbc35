import WaymarkCLI
WaymarkCommand.main()
