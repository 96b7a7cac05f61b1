"""Registers the ``slow`` marker (pytest runs with --strict-markers); slow fault tests still run by default."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a fault test that takes seconds (kill loops); runs by default, deselect with -m 'not slow'")
