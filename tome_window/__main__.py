from tome_window.cli.main import main

raise SystemExit(main())
