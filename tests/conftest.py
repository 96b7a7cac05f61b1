"""Test set-up: offscreen Qt, and no test ever touches the real home folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reader.core.article import Article

os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HOME and every XDG/Qari folder at the test's temporary folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "QARI_CONFIG_DIR", "QARI_DATA_DIR", "QARI_CACHE_DIR", "QARI_STATE_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt's application is Qari's own (it turns FileOpen events into a signal)."""
    from reader.ui.app import QariApp

    return QariApp


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_article() -> Article:
    """The seed with the entities of ``tests/golden/seed_entities.json`` (no model run): for goldens."""
    from tests.fixtures import seed_article_with_fixed_entities

    return seed_article_with_fixed_entities()
