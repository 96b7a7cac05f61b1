"""Writing and reading Qari's own files so that a crash, a kill or a bad edit never costs a start.

Each stored file has one writer (settings.py, state.py …) that goes through
:func:`atomic_write`: the file on disk is always the old or the new content,
never half. Reading goes through :func:`read_json`, which turns every way a
file can be broken into one :class:`UnreadableFileError` with a one-line reason, and
:func:`keep_aside` moves such a file out of the way as ``NAME.bad`` so the user
can still look at it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from reader.core.errors import QariError

#: A temporary file this old was left by a save that was interrupted (saves take milliseconds).
STALE_AFTER = 30.0
#: Qari's JSON files are small; anything bigger is not one of ours.
MAX_JSON_BYTES = 8 * 1024 * 1024
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class UnreadableFileError(Exception):
    """A stored file could not be parsed at all; ``str(exc)`` is a one-line reason."""


class NotRegularFileError(OSError):
    """The target is a device, a pipe or a socket: renaming a file over it would destroy it (``/dev/null`` as root)."""


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is (a pipe, a socket, a device), for a message."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def real_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: the end of a symbolic link (so the link stays a link), or ``path``.

    Raises :class:`IsADirectoryError` for a folder and :class:`NotRegularFileError`
    for a device, pipe or socket, which are never replaced; a new name is fine.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(errno.EEXIST, f"not a regular file ({file_kind(mode)})", str(path))
    return path


def _public_mode(path: Path) -> int:
    """The mode a new file would get from ``open()`` (0666 less the umask), or the mode ``path`` has now."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX only; best effort)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, make_parents: bool = True, private: bool = True) -> None:
    """Write ``data`` to ``path`` so that it is either the old or the new content, never half.

    ``private`` files (settings, user data) stay readable by the user only; a
    document the user exports (``private=False``) gets the mode a normal save
    would give it: the existing file's mode, or 0666 less the umask. A symbolic
    link (a dotfiles checkout) is written through, not replaced by a file; a
    device, pipe or socket is refused (:func:`real_target`), never replaced.
    """
    path = real_target(path)
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if not private:
                os.fchmod(fh.fileno(), _public_mode(path))
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(path.parent)


def remove_stale_temp_files(folder: Path, name: str, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove ``.NAME.*.tmp`` files in ``folder`` left by interrupted saves; return what was removed.

    Only files older than ``older_than`` seconds go, so a save running right now
    in another Qari is not disturbed.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = list(folder.glob(f".{name}.*.tmp"))
    except OSError:
        return removed
    for tmp in candidates:
        try:
            info = tmp.lstat()
            if not tmp.is_file() or tmp.is_symlink() or now - info.st_mtime < older_than:
                continue
            tmp.unlink()
        except OSError:
            continue
        removed.append(tmp)
    return removed


def keep_aside(path: Path) -> Path | None:
    """Move an unreadable ``path`` to ``path.bad`` (replacing an older one); None if it could not be moved."""
    bad = path.with_name(path.name + ".bad")
    try:
        os.replace(path, bad)
    except FileNotFoundError:
        return None
    except OSError:
        # A folder cannot replace a file (or a non-empty folder): clear the old .bad first.
        try:
            if bad.is_dir() and not bad.is_symlink():
                shutil.rmtree(bad)
            else:
                bad.unlink(missing_ok=True)
            os.replace(path, bad)
        except OSError:
            return None
    return bad


def _int_or_float(text: str) -> int | float:
    """JSON integers; one too long for ``int()`` (Python's digit limit) becomes a float, later refused by range checks."""
    return int(text) if len(text) <= 64 else float(text)


def read_json(path: Path) -> Any:
    """Parse the JSON file at ``path``; raise :class:`UnreadableFileError` however it is broken.

    Not found is ``FileNotFoundError`` (nothing stored yet, not an error).
    ``NaN`` and ``Infinity`` are accepted here as floats (Python's json does);
    the range checks of the caller refuse them value by value.
    """
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
    except FileNotFoundError:
        raise
    except NotADirectoryError as exc:  # a file where a parent folder should be: nothing stored here
        raise FileNotFoundError(str(path)) from exc
    except OSError as exc:
        raise UnreadableFileError(exc.strerror or type(exc).__name__) from exc
    if len(data) > MAX_JSON_BYTES:
        raise UnreadableFileError(f"larger than {MAX_JSON_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"not UTF-8 text (byte {exc.start})") from exc
    try:
        return json.loads(text, parse_int=_int_or_float)
    except RecursionError as exc:
        raise UnreadableFileError("JSON nested too deeply") from exc
    except ValueError as exc:
        raise UnreadableFileError(f"not JSON: {exc}".replace("\n", " ")) from exc


def dump_json(obj: Any) -> bytes:
    """``obj`` as readable UTF-8 JSON that always encodes.

    Arabic stays readable; a lone surrogate (a file name that was not UTF-8,
    decoded by ``os.fsdecode``) is written as a ``\\uDCxx`` escape, which
    :func:`read_json` turns back into the same character. NaN is refused.
    """
    text = json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)
    # Outside strings JSON has only ASCII, so every surrogate here is inside a string.
    text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return (text + "\n").encode("utf-8")


def _shown(path: Path) -> str:
    """``path`` for a one-line message: quoted when its name holds a line break or another control character."""
    text = str(path)
    return repr(text) if any(ord(c) < 32 or ord(c) == 127 for c in text) else text


def _reason(out: Path, exc: OSError) -> str:
    """Why ``out`` could not be written, in a few words."""
    if isinstance(exc, NotRegularFileError):
        return str(exc.strerror)
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, FileNotFoundError) and not out.parent.is_dir():
        return f"cannot be written (the folder {_shown(out.parent)} does not exist)"
    return f"cannot be written ({exc.strerror or exc})"


def check_target(out: Path, make_parents: bool = False) -> None:
    """Refuse ``out`` before a long job (typesetting) rather than after it: a folder, device, pipe or socket, or a missing folder.

    Raises :class:`~reader.core.errors.QariError` with the message :func:`write_file` would give;
    what can only fail while writing (a full disk, a read-only folder) is still found there.
    """
    try:
        target = real_target(out)
        if not make_parents and not target.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(target.parent))
    except OSError as exc:
        raise QariError(f"{_shown(out)}: {_reason(out, exc)}") from exc
    except ValueError as exc:  # a NUL in the name
        raise QariError(f"{_shown(out)}: cannot be written ({exc})") from exc


def write_file(out: Path, data: bytes, make_parents: bool = False) -> None:
    """Put a file the user asked for (a PDF, an export) at ``out`` atomically, with the mode a normal save gives.

    Only a regular file or a new name is written: a symbolic link is written
    through to its file, a device, pipe or socket (``-o /dev/full``) is refused.
    On any failure (full disk, read-only or vanished folder) the previous file at
    ``out`` is left as it was, and :class:`~reader.core.errors.QariError` says why in one line.
    Temporary files that an export killed mid-write left beside the target go.
    """
    try:
        target = real_target(out)
        remove_stale_temp_files(target.parent, target.name)  # what an export killed mid-write left beside it
        atomic_write(target, data, make_parents=make_parents, private=False)
    except OSError as exc:
        raise QariError(f"{_shown(out)}: {_reason(out, exc)}") from exc
    except ValueError as exc:  # a NUL in the name
        raise QariError(f"{_shown(out)}: cannot be written ({exc})") from exc
