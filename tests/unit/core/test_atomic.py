"""Stored files: written atomically, read however broken, kept aside when unreadable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core.atomic import UnreadableFileError, atomic_write, dump_json, keep_aside, read_json
from reader.core.settings import Paths, Settings, save_settings


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


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_atomic_write_writes_through_a_symlink(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path / "qari")
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "qari.json"
    real.write_text("{}")
    paths.config.mkdir(parents=True)
    paths.settings_file.symlink_to(real)
    save_settings(Settings(theme="dark"), paths)
    assert paths.settings_file.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["theme"] == "dark"


def test_dump_json_always_encodes_and_reads_back_equal() -> None:
    value = {os.fsdecode(b"/a/caf\xe9.txt"): 1, "الرحلة": ["\udcff", "x"], "plain": "ok"}
    data = dump_json(value)
    data.decode("utf-8")  # strict UTF-8
    assert "الرحلة".encode() in data
    assert json.loads(data) == value


def test_dump_json_refuses_nan() -> None:
    with pytest.raises(ValueError):
        dump_json({"x": float("nan")})


def test_read_json_reasons_are_one_line(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    for content in (b"{\n\n  oops", b"\xff", b"[" * 50_000):
        target.write_bytes(content)
        with pytest.raises(UnreadableFileError) as caught:
            read_json(target)
        assert str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(FileNotFoundError):
        read_json(tmp_path / "missing.json")
    with pytest.raises(FileNotFoundError):
        read_json(target / "below-a-file.json")


def test_keep_aside_replaces_an_older_bad_file(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    target.write_bytes(b"new")
    (tmp_path / "s.json.bad").write_bytes(b"old")
    assert keep_aside(target) == tmp_path / "s.json.bad"
    assert (tmp_path / "s.json.bad").read_bytes() == b"new" and not target.exists()
    assert keep_aside(target) is None, "nothing to move"
    assert (tmp_path / "s.json.bad").read_bytes() == b"new", "and the older bad file is kept then"


def test_settings_reexports_atomic_write() -> None:
    from reader.core import settings

    assert settings.atomic_write is atomic_write
