"""``python -m reader``: the same as the ``qari`` command."""

from reader.cli import main

raise SystemExit(main())
