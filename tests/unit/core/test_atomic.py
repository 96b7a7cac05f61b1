"""Stored files: written atomically, read however broken, kept aside when unreadable."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from reader.core.atomic import NotRegularFileError, UnreadableFileError, atomic_write, check_target, dump_json, keep_aside, read_json, real_target, write_file
from reader.core.errors import QariError
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


def _refusal(out: Path) -> str:
    with pytest.raises(QariError) as caught:
        write_file(out, b"new")
    return str(caught.value)


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_write_file_never_replaces_a_pipe_or_a_device(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.pdf"
    link.symlink_to(fifo)
    assert _refusal(fifo) == f"{fifo}: not a regular file (a named pipe)"
    assert _refusal(link) == f"{link}: not a regular file (a named pipe)"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "home", "link.pdf"], "no temporary file was made"
    if os.geteuid() == 0:  # a device node of our own, as /dev/full is
        device = tmp_path / "full"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        assert _refusal(device) == f"{device}: not a regular file (a device)"
        assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_settings_linked_to_a_pipe_are_not_saved_over_it(tmp_path: Path) -> None:
    paths = Paths.under(tmp_path / "qari")
    paths.config.mkdir(parents=True)
    os.mkfifo(tmp_path / "fifo")
    paths.settings_file.symlink_to(tmp_path / "fifo")
    with pytest.raises(QariError, match="not a regular file"):
        save_settings(Settings(theme="dark"), paths)
    with pytest.raises(NotRegularFileError):
        atomic_write(paths.settings_file, b"{}")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)


def test_real_target_follows_links_and_accepts_new_names(tmp_path: Path) -> None:
    assert real_target(tmp_path / "new.pdf") == tmp_path / "new.pdf"
    (tmp_path / "a").write_bytes(b"x")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "c").symlink_to(tmp_path / "b")
    (tmp_path / "d").symlink_to(tmp_path / "nowhere")
    assert real_target(tmp_path / "c") == tmp_path / "a"
    assert real_target(tmp_path / "d") == tmp_path / "nowhere"
    with pytest.raises(IsADirectoryError):
        real_target(tmp_path)


def test_write_file_through_a_dangling_link_creates_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").symlink_to(tmp_path / "real.pdf")
    write_file(tmp_path / "out.pdf", b"new")
    assert (tmp_path / "out.pdf").is_symlink() and (tmp_path / "real.pdf").read_bytes() == b"new"


@pytest.mark.parametrize(
    ("where", "code", "expected"),
    [("fsync", errno.ENOSPC, "No space left on device"), ("open", errno.EROFS, "Read-only file system"), ("open", errno.EACCES, "Permission denied")],
)
def test_write_file_failures_are_one_line_and_keep_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, expected: str) -> None:
    """Simulated (os.fsync / os.open raise): tests/faults/test_targets.py does the same on a real full or read-only tmpfs."""
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    real = getattr(os, where)

    def fail(*args: object, **kwargs: object) -> object:
        if where == "open" and not (int(args[1]) & os.O_CREAT):  # type: ignore[call-overload]
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, where, fail)
    message = _refusal(out)
    monkeypatch.undo()
    assert message == f"{out}: cannot be written ({expected})"
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.pdf"]


def test_write_file_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "gone" / "out.pdf"
    assert _refusal(out) == f"{out}: cannot be written (the folder {out.parent} does not exist)"
    assert not out.parent.exists()
    assert _refusal(tmp_path) == f"{tmp_path}: is a folder"


def test_write_file_messages_stay_on_one_line(tmp_path: Path) -> None:
    out = tmp_path / "gone\nfolder" / "x.pdf"
    message = _refusal(out)
    assert "\n" not in message and message.startswith(repr(str(out)))
    assert "embedded null" in _refusal(tmp_path / "a\0b.pdf")


def test_write_file_clears_what_a_killed_export_left_beside_the_target(tmp_path: Path) -> None:
    old, fresh, other = tmp_path / ".out.pdf.k1ll3d.tmp", tmp_path / ".out.pdf.n0w.tmp", tmp_path / ".other.pdf.k1ll3d.tmp"
    for leftover in (old, fresh, other):
        leftover.write_bytes(b"%PDF-half")
    os.utime(old, (0, 0))
    os.utime(other, (0, 0))
    write_file(tmp_path / "out.pdf", b"new")
    assert not old.exists() and fresh.exists() and other.exists(), "only this target's, and only old ones (another save may be running)"


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_check_target_gives_write_files_refusals_before_any_work(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    for out in (tmp_path / "fifo", tmp_path, tmp_path / "gone" / "x.pdf", tmp_path / "a\0b.pdf"):
        with pytest.raises(QariError) as early:
            check_target(out)
        assert str(early.value) == _refusal(out)
    check_target(tmp_path / "new.pdf")
    check_target(tmp_path / "gone" / "x.pdf", make_parents=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "home"], "checking writes nothing"
