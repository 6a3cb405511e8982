from commenting.cli import main

raise SystemExit(main())
