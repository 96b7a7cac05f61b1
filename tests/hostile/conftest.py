"""Registers the ``hostile`` marker (pytest runs with --strict-markers)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hostile: the hostile-input corpus (quick subset in every run; full: python -m tests.hostile.run)")
