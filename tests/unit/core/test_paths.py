"""Paths: four injectable folders (config, data, cache, state), from the platform, the environment or the command line."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from reader.core.paths import Paths


def test_settings_reexports_paths() -> None:
    from reader.core import settings

    assert settings.Paths is Paths


def test_paths_under_a_base(tmp_path: Path) -> None:
    p = Paths.under(tmp_path)
    assert (p.config, p.data, p.cache, p.state) == (tmp_path / "config", tmp_path / "data", tmp_path / "cache", tmp_path / "state")
    assert p.settings_file == tmp_path / "config" / "settings.json"
    assert p.state_file == tmp_path / "state" / "state.json"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG folders")
def test_default_paths_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = Path.home()
    p = Paths.default()
    assert p.state == tmp_path / "home" / ".local" / "state" / "qari"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert Paths.default().state == home / ".local" / "state" / "qari"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/path")  # the XDG spec says to ignore relative paths
    assert Paths.default().state == home / ".local" / "state" / "qari"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    assert Paths.default().config == tmp_path / "xc" / "qari"


@pytest.mark.parametrize(("var", "attr"), [("QARI_CONFIG_DIR", "config"), ("QARI_DATA_DIR", "data"), ("QARI_CACHE_DIR", "cache"), ("QARI_STATE_DIR", "state")])
def test_environment_variables_override_each_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, var: str, attr: str) -> None:
    before = Paths.default()
    monkeypatch.setenv(var, str(tmp_path / "override"))
    after = Paths.default()
    assert getattr(after, attr) == tmp_path / "override"
    assert dataclasses.replace(after, **{attr: getattr(before, attr)}) == before, "the other folders do not move"
    monkeypatch.setenv(var, "")
    assert Paths.default() == before, "an empty variable is ignored"


def test_paths_from_command_line_options(tmp_path: Path) -> None:
    default = Paths.default()
    assert Paths.from_options(None, None, None) == default
    assert Paths.from_options(temp_base=tmp_path) == Paths.under(tmp_path)
    p = Paths.from_options(config_dir=tmp_path / "c")
    assert p.settings_file == tmp_path / "c" / "settings.json" and (p.data, p.state, p.cache) == (default.data, default.state, default.cache)
    p = Paths.from_options(data_dir=tmp_path / "d")
    assert (p.data, p.state, p.config, p.cache) == (tmp_path / "d", tmp_path / "d", default.config, default.cache)
    p = Paths.from_options(tmp_path / "c", tmp_path / "d", tmp_path / "t")
    assert p == Paths(tmp_path / "c", tmp_path / "d", tmp_path / "t" / "cache", tmp_path / "d")
