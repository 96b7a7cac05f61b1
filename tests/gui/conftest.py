"""A real main window on the seed, with settings under the test's temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.settings import Paths, load_settings
from reader.ui.app import make_window


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths.under(tmp_path / "qari")


@pytest.fixture
def window(qtbot, qapp, paths: Paths, seed_path: Path):
    settings, _ = load_settings(paths)
    settings.theme = "light"
    win = make_window(settings, paths, qapp)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(seed_path)
    qtbot.waitUntil(lambda: not win.is_analysing, timeout=60000)  # the entities follow the text
    return win
