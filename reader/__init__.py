"""Qari (قارئ): a desktop reader for Arabic articles."""

#: Kept equal to ``project.version`` in pyproject.toml (a test checks it).
__version__ = "0.1.0"
