"""``qari export-pdf FILE -o TARGET`` where TARGET is hostile: nothing but a regular file is ever replaced,
and a full disk, a read-only folder or a vanished folder is one line on stderr with the old file intact.

A full disk and a read-only folder are real (a small tmpfs, mounted as root)
when the sandbox allows ``mount``, and simulated in the child otherwise
(``os.fsync`` failing with ENOSPC, ``os.open`` with EROFS).
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.helpers import SEED, child_env, mount, one_error_line, qari, remount_read_only, unmount

OLD = b"%PDF-1.7\nthe previous export\n%%EOF\n"
SIMULATED_FULL = "import errno, os\ndef _full(fd):\n    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\nos.fsync = _full\n"
SIMULATED_READ_ONLY = (
    "import errno, os\n"
    "_open = os.open\n"
    "def _ro(path, flags, *a, **k):\n"
    "    if flags & os.O_CREAT:\n        raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)\n"
    "    return _open(path, flags, *a, **k)\n"
    "os.open = _ro\n"
)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder with an old ``out.pdf`` on a full filesystem; the code to inject when it had to be simulated."""
    folder = tmp_path / "disk"
    folder.mkdir()
    real = mount(folder, "size=256k")
    try:
        (folder / "out.pdf").write_bytes(OLD)
        if real:
            fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
            try:
                while os.write(fd, b"\0" * 4096):  # fill every block that is left
                    pass
            except OSError:
                pass
            finally:
                os.close(fd)
        yield folder, "" if real else SIMULATED_FULL
    finally:
        if real:
            unmount(folder)


def test_a_full_disk_is_one_line_and_the_old_pdf_stays(small_disk: tuple[Path, str]) -> None:
    folder, inject = small_disk
    done = qari("export-pdf", str(SEED), "-o", str(folder / "out.pdf"), inject=inject)
    assert "No space left on device" in one_error_line(done)
    assert (folder / "out.pdf").read_bytes() == OLD
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [], "no temporary file left behind"


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A read-only folder holding an old ``out.pdf`` (root ignores permissions, so a read-only mount); the injection otherwise."""
    folder = tmp_path / "ro"
    folder.mkdir()
    real = mount(folder, "size=1m")
    try:
        (folder / "out.pdf").write_bytes(OLD)
        real = real and remount_read_only(folder)
        yield folder, "" if real else SIMULATED_READ_ONLY
    finally:
        if real or os.path.ismount(folder):
            unmount(folder)


def test_a_read_only_folder_is_one_line_and_the_old_pdf_stays(read_only_folder: tuple[Path, str]) -> None:
    folder, inject = read_only_folder
    done = qari("export-pdf", str(SEED), "-o", str(folder / "out.pdf"), inject=inject)
    assert "Read-only file system" in one_error_line(done)
    assert (folder / "out.pdf").read_bytes() == OLD


def test_a_missing_folder_is_one_line_and_not_created(tmp_path: Path) -> None:
    done = qari("export-pdf", str(SEED), "-o", str(tmp_path / "gone" / "out.pdf"))
    assert one_error_line(done).endswith(f"(the folder {tmp_path / 'gone'} does not exist)")
    assert not (tmp_path / "gone").exists()


@pytest.mark.timeout(120)
def test_a_folder_that_vanishes_during_the_export_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "going"
    folder.mkdir()
    (folder / "out.pdf").write_bytes(OLD)
    argv = [sys.executable, "-m", "reader", "export-pdf", str(SEED), "-o", str(folder / "out.pdf")]
    proc = subprocess.Popen(argv, cwd=SEED.parent.parent, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)  # it imports, reads and typesets for about a second
    (folder / "out.pdf").unlink()
    folder.rmdir()
    out, err = proc.communicate(timeout=110)
    line = one_error_line(subprocess.CompletedProcess(argv, proc.returncode, out, err))
    assert "does not exist" in line
    assert not folder.exists()


def test_a_device_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    """``-o /dev/full`` as root used to rename a regular file over the device node; a node of our own stands in for it."""
    targets = [tmp_path / "fifo"]
    os.mkfifo(targets[0])
    if os.geteuid() == 0:
        targets.append(tmp_path / "full")
        os.mknod(targets[1], stat.S_IFCHR | 0o666, os.makedev(1, 7))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    targets.append(tmp_path / "sock")
    try:
        for target in targets:
            before = os.lstat(target)
            line = one_error_line(qari("export-pdf", str(SEED), "-o", str(target)))
            assert line.startswith(f"qari: error: {target}: not a regular file")
            after = os.lstat(target)
            assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode)), target
    finally:
        sock.close()


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "out.pdf").symlink_to(tmp_path / "fifo")
    assert "not a regular file" in one_error_line(qari("export-pdf", str(SEED), "-o", str(tmp_path / "out.pdf")))
    assert stat.S_ISFIFO(os.stat(tmp_path / "fifo").st_mode) and (tmp_path / "out.pdf").is_symlink()


def test_a_symlink_target_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "article.pdf").write_bytes(OLD)
    link = tmp_path / "out.pdf"
    link.symlink_to(real / "article.pdf")
    dangling = tmp_path / "new.pdf"
    dangling.symlink_to(real / "new.pdf")
    for target in (link, dangling):
        done = qari("export-pdf", str(SEED), "-o", str(target))
        assert done.returncode == 0, done.stderr
        assert target.is_symlink()
    for written in (real / "article.pdf", real / "new.pdf"):
        data = written.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF") and data != OLD
    assert sorted(p.name for p in real.iterdir()) == ["article.pdf", "new.pdf"]
