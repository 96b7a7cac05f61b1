"""Settings: typed, versioned, saved atomically, and robust to bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.errors import QariError
from reader.core.settings import Paths, Settings, atomic_write, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path)
    s = Settings(font_size=24.0, theme="dark", hidden_types=["DATE"])
    s.add_recent("/a.txt")
    s.add_recent("/b.txt")
    s.add_recent("/a.txt")
    s.print.arabic_digits = False
    save_settings(s, paths)
    loaded, warning = load_settings(paths)
    assert warning is None
    assert loaded == s
    assert loaded.recent_files == ["/a.txt", "/b.txt"]


def test_corrupt_file_gives_defaults_and_a_warning(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path)
    paths.config.mkdir(parents=True)
    paths.settings_file.write_text("{not json", encoding="utf-8")
    loaded, warning = load_settings(paths)
    assert loaded == Settings()
    assert warning and "could not be read" in warning


def test_wrong_types_fall_back_to_defaults(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path)
    paths.config.mkdir(parents=True)
    paths.settings_file.write_text('{"font_size": "huge", "theme": "dark", "justify": 1, "line_spacing": 2}', encoding="utf-8")
    loaded, _ = load_settings(paths)
    assert loaded.font_size == Settings().font_size and loaded.theme == "dark" and loaded.justify is False and loaded.line_spacing == 2.0


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(QariError, match="could not be saved"):
        save_settings(Settings(), Paths.under(locked))


def test_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(QariError, match="could not be saved"):
        save_settings(Settings(), Paths(blocker / "config", blocker, blocker))


def test_atomic_write_leaves_old_content_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cfg"
    folder.mkdir()
    target = folder / "settings.json"
    target.write_text("old")

    def boom(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in folder.iterdir()] == ["settings.json"]


def test_default_paths_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QARI_CONFIG_DIR", str(tmp_path / "c"))
    assert Paths.default().config == tmp_path / "c"


def test_reading_positions_are_bounded_oldest_first() -> None:
    from reader.core.settings import MAX_POSITIONS

    s = Settings()
    for i in range(MAX_POSITIONS + 5):
        s.remember_position(f"/f{i}.txt", i)
    s.remember_position("/f3.txt", 99)  # reading an old file again makes it recent
    assert len(s.positions) == MAX_POSITIONS
    assert "/f0.txt" not in s.positions and s.positions["/f3.txt"] == 99
