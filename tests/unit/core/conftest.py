"""Fixtures shared by the core tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.settings import Paths


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    """Every Qari folder under the test's temporary folder."""
    return Paths.under(tmp_path / "qari")
