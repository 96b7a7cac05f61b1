"""What Qari remembers by itself between runs: reading positions and recent files.

This is state, not configuration (the user never chose it), so it lives apart
from settings.json, in the state folder (``$XDG_STATE_HOME/qari``), where
losing it costs little and backing up the config does not drag it along.
Saved atomically; however broken the file, loading gives an empty state and a
warning, never an error.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.atomic import UnreadableFileError, atomic_write, dump_json, keep_aside, read_json, remove_stale_temp_files
from reader.core.errors import QariError
from reader.core.paths import Paths

STATE_VERSION = 1
MAX_RECENT = 10
#: Reading positions kept; the oldest are forgotten first.
MAX_POSITIONS = 500


@dataclass
class State:
    """Reading positions and recent files.

    Attributes:
        recent_files: most recent first, at most :data:`MAX_RECENT`.
        positions: path → character offset of the top of the view, least recent first, at most :data:`MAX_POSITIONS`.

    Paths are kept exactly as ``str(path)`` gives them, including the
    ``\\udcxx`` characters of a file name that is not UTF-8.
    """

    recent_files: list[str] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files list."""
        self.recent_files = [path, *[p for p in self.recent_files if p != path]][:MAX_RECENT]

    def remember_position(self, path: str, position: int) -> None:
        """Keep where ``path`` was being read; the most recent :data:`MAX_POSITIONS` are kept."""
        self.positions.pop(path, None)
        self.positions[path] = position
        while len(self.positions) > MAX_POSITIONS:
            self.positions.pop(next(iter(self.positions)))


def _recent(value: object) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        return None
    return list(dict.fromkeys(value))[:MAX_RECENT]


def _positions(value: object) -> dict[str, int] | None:
    if not isinstance(value, dict):
        return None
    if not all(isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in value.values()):
        return None
    return dict(list(value.items())[-MAX_POSITIONS:])


def _checked(raw: dict[str, Any], bad: list[str]) -> State:
    """A State from ``raw``; each unusable field is left empty and named in ``bad``."""
    state = State()
    for name, check in (("recent_files", _recent), ("positions", _positions)):
        if name in raw:
            value = check(raw[name])
            if value is None:
                bad.append(name)
            else:
                setattr(state, name, value)
    return state


def _from_old_settings(paths: Paths) -> dict[str, Any] | None:
    """Positions and recent files still in a version 1 settings.json, if any."""
    try:
        raw = read_json(paths.settings_file)
    except (FileNotFoundError, UnreadableFileError):
        return None
    if not isinstance(raw, dict):
        return None
    old = {k: raw[k] for k in ("recent_files", "positions") if k in raw}
    return old or None


def load_state(paths: Paths) -> tuple[State, str | None]:
    """State from disk, and a one-line warning if some of it was unusable.

    Never raises. Without a state file, positions and recent files are taken
    from an old (version 1) settings.json and saved at once to the state file,
    so that the next settings save, which leaves them out, loses nothing.
    A state file that cannot be parsed is kept aside as ``state.json.bad``.
    """
    path = paths.state_file
    remove_stale_temp_files(paths.state, path.name)
    try:
        raw = read_json(path)
    except FileNotFoundError:
        old = _from_old_settings(paths)
        if old is None:
            return State(), None
        bad: list[str] = []
        state = _checked(old, bad)
        try:
            save_state(state, paths)
        except QariError:
            pass  # read-only state folder: they stay in settings.json until the next settings save
        return state, _invalid_warning(paths.settings_file, bad)
    except UnreadableFileError as exc:
        return State(), _unreadable_warning(path, str(exc))
    if not isinstance(raw, dict):
        return State(), _unreadable_warning(path, f"a JSON {type(raw).__name__}, not an object")
    bad = []
    state = _checked(raw, bad)
    return state, _invalid_warning(path, bad)


def _invalid_warning(path: Path, bad: list[str]) -> str | None:
    if not bad:
        return None
    return f"state file {path}: invalid {', '.join(bad)}; starting {'it' if len(bad) == 1 else 'them'} afresh"


def _unreadable_warning(path: Path, reason: str) -> str:
    kept = keep_aside(path)
    where = f"; kept as {kept.name}" if kept else ""
    return f"state file {path} could not be read ({reason}){where}; reading positions and recent files start afresh"


def save_state(state: State, paths: Paths) -> None:
    """Save ``state`` atomically (readable by the user only); raise :class:`QariError` if it cannot be written."""
    data = dump_json({"version": STATE_VERSION, **dataclasses.asdict(state)})
    try:
        atomic_write(paths.state_file, data)
    except OSError as exc:
        raise QariError(f"reading positions could not be saved to {paths.state_file}: {exc.strerror or exc}") from exc
