"""`python -m piiscan` runs the command line."""

from piiscan.cli import main

raise SystemExit(main())
