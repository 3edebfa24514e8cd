"""Run the command line as `python -m vnlint`."""

from vnlint.cli import main

raise SystemExit(main())
