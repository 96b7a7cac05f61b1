"""Entry script of the frozen app (PyInstaller needs a file, not a module path)."""

from reader.cli import main

raise SystemExit(main())
