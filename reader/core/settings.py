"""Qari's settings: one typed, validated object, saved as JSON atomically, with a version.

Each field declares its type and its allowed values once, next to the field
(:func:`choice`, :func:`number`, :func:`flag`, :func:`names`, :func:`text_map`).
Loading checks every value against that rule: a bad one falls back to its
default and is named in one warning, and a file that cannot be parsed at all is
kept aside as ``settings.json.bad``. However broken the file, Qari starts.

What Qari remembers by itself (reading positions, recent files) is not
configuration: it lives in :mod:`reader.core.state`. Paths come from
:class:`Paths`, which the command line or tests point anywhere.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.atomic import STALE_AFTER, UnreadableFileError, atomic_write, dump_json, keep_aside, read_json, remove_stale_temp_files
from reader.core.errors import QariError
from reader.core.paths import Paths

__all__ = [
    "ENTITY_TYPE_NAMES",
    "SETTINGS_VERSION",
    "InvalidValueError",
    "Paths",
    "PrintOptions",
    "Settings",
    "atomic_write",
    "clean_stale_temp_files",
    "field_range",
    "load_settings",
    "migrate",
    "save_settings",
]

#: Version 2 moved reading positions and recent files out, into state.json.
SETTINGS_VERSION = 2
#: The entity type names (``EntityType`` values), listed here so settings stay independent of the entity package; a test keeps them equal.
ENTITY_TYPE_NAMES = ("PERSON", "LOCATION", "ORGANIZATION", "DATE", "MISC")
#: The paper sizes print offers; "" means from the locale (Letter in the Americas, A4 elsewhere).
PAPER_SIZES = ("", "a4", "us-letter")


class InvalidValueError(ValueError):
    """A stored value broke its field's rule."""


Check = Callable[[object], Any]


def _field(default: Any, check: Check, **meta: Any) -> Any:
    """A dataclass field whose metadata carries its check (lists and dicts get a fresh copy each time)."""
    metadata = {"check": check, **meta}
    if isinstance(default, list | dict):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


def choice(default: str, values: Iterable[str]) -> Any:
    """A text field that must be one of ``values``."""
    allowed = tuple(values)

    def check(value: object) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise InvalidValueError(f"not one of {allowed}")
        return value

    return _field(default, check, values=allowed)


def number(default: float, low: float, high: float) -> Any:
    """A finite number in ``[low, high]``, stored as float."""

    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidValueError("not a number")
        x = float(value)
        if not math.isfinite(x) or not low <= x <= high:
            raise InvalidValueError(f"not in {low}–{high}")
        return x

    return _field(default, check, range=(low, high))


def flag(default: bool) -> Any:
    """A true/false field (JSON ``true``/``false`` only, not 0 or 1)."""

    def check(value: object) -> bool:
        if not isinstance(value, bool):
            raise InvalidValueError("not true or false")
        return value

    return _field(default, check)


def names(allowed: Iterable[str]) -> Any:
    """A list of names, each from ``allowed``; repeats are dropped."""
    known = tuple(allowed)

    def check(value: object) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v in known for v in value):
            raise InvalidValueError(f"not a list of {known}")
        return list(dict.fromkeys(value))

    return _field([], check, values=known)


def text_map() -> Any:
    """A text → text mapping (shortcut overrides: action id → keys; "" means no keys)."""

    def check(value: object) -> dict[str, str]:
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise InvalidValueError("not a text → text mapping")
        return dict(value)

    return _field({}, check)


@dataclass
class PrintOptions:
    """What the user chose once for paper and PDF."""

    MARGIN_RANGE = (5.0, 50.0)
    FONT_RANGE = (8.0, 30.0)

    paper: str = choice("", PAPER_SIZES)
    margin_mm: float = number(20.0, *MARGIN_RANGE)
    font_size: float = number(13.0, *FONT_RANGE)
    highlights: bool = flag(True)
    arabic_digits: bool = flag(True)


@dataclass
class Settings:
    """Everything the user chose; checked value by value when loaded (see the module docstring)."""

    version: int = SETTINGS_VERSION
    theme: str = choice("auto", ("auto", "light", "dark"))  # "auto" follows the system
    ui_direction: str = choice("rtl", ("rtl", "ltr"))  # the window's layout
    font_size: float = number(20.0, 10.0, 48.0)
    line_spacing: float = number(1.25, 1.0, 3.0)
    justify: bool = flag(False)
    hidden_types: list[str] = names(ENTITY_TYPE_NAMES)
    shortcuts: dict[str, str] = text_map()
    sidebar_visible: bool = flag(True)
    print: PrintOptions = field(default_factory=PrintOptions)

    def drop_unknown_shortcuts(self, known_ids: Iterable[str]) -> list[str]:
        """Forget overrides for actions that no longer exist; return their ids (sorted) so the caller can say so.

        Core code does not know the action table (it lives with the UI), so the
        window calls this once with its action ids after loading.
        """
        known = set(known_ids)
        dropped = sorted(k for k in self.shortcuts if k not in known)
        for key in dropped:
            del self.shortcuts[key]
        return dropped


def field_range(cls: type, name: str) -> tuple[float, float]:
    """The ``(low, high)`` of a numeric field, e.g. ``field_range(Settings, "font_size")``, so callers clamp to the declared range."""
    for f in dataclasses.fields(cls):
        if f.name == name and "range" in f.metadata:
            low, high = f.metadata["range"]
            return float(low), float(high)
    raise KeyError(name)


def _checked(cls: type, raw: dict[str, Any], bad: list[str], prefix: str = "") -> Any:
    """Build ``cls`` from ``raw``: unknown keys ignored, each bad value replaced by its default and its name added to ``bad``."""
    obj = cls()
    for f in dataclasses.fields(cls):
        if f.name not in raw or f.name == "version":
            continue
        value = raw[f.name]
        default = getattr(obj, f.name)
        if dataclasses.is_dataclass(default):
            if isinstance(value, dict):
                setattr(obj, f.name, _checked(type(default), value, bad, f"{prefix}{f.name}."))
            else:
                bad.append(prefix + f.name)
            continue
        try:
            setattr(obj, f.name, f.metadata["check"](value))
        except InvalidValueError:
            bad.append(prefix + f.name)
    return obj


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2: reading positions and recent files are state, not settings (load_state picks them up from the old file)."""
    return {k: v for k, v in raw.items() if k not in ("positions", "recent_files")}


#: ``MIGRATIONS[n]`` turns a version ``n`` dict into version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older settings dict up to :data:`SETTINGS_VERSION`, one step at a time.

    A file without a usable version is taken as version 1; one from a newer
    Qari is read as it is (unknown keys are ignored).
    """
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        version = 1
    while version < SETTINGS_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    return {**raw, "version": SETTINGS_VERSION}


def clean_stale_temp_files(paths: Paths, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove temporary files left in the config and state folders by saves that were interrupted (a crash, a kill).

    :func:`load_settings` calls it, so the app need not; files younger than
    ``older_than`` seconds are left alone (another Qari may be saving).
    """
    return [
        *remove_stale_temp_files(paths.config, paths.settings_file.name, older_than),
        *remove_stale_temp_files(paths.state, paths.state_file.name, older_than),
    ]


def load_settings(paths: Paths) -> tuple[Settings, str | None]:
    """Settings from disk, and a one-line warning if anything in the file was unusable (defaults are used for that).

    Never raises: a file that cannot be parsed is moved to ``settings.json.bad``
    and defaults are used. Also removes temporary files left by interrupted saves.
    """
    path = paths.settings_file
    clean_stale_temp_files(paths)
    try:
        raw = read_json(path)
    except FileNotFoundError:
        return Settings(), None
    except UnreadableFileError as exc:
        return Settings(), _unreadable_warning(path, str(exc))
    if not isinstance(raw, dict):
        return Settings(), _unreadable_warning(path, f"a JSON {type(raw).__name__}, not an object")
    bad: list[str] = []
    settings = _checked(Settings, migrate(raw), bad)
    if bad:
        return settings, f"settings file {path}: invalid {', '.join(bad)}; using the defaults for {'it' if len(bad) == 1 else 'them'}"
    return settings, None


def _unreadable_warning(path: Path, reason: str) -> str:
    """Keep the broken file aside and say so in one line."""
    kept = keep_aside(path)
    where = f"; kept as {kept.name}" if kept else ""
    return f"settings file {path} could not be read ({reason}){where}; using defaults"


def save_settings(settings: Settings, paths: Paths) -> None:
    """Save ``settings`` atomically (readable by the user only); raise :class:`QariError` if the folder is not writable.

    Values are checked as on loading, so a bad value set at run time is saved as its default.
    """
    clean = _checked(Settings, dataclasses.asdict(settings), [])
    try:
        atomic_write(paths.settings_file, dump_json(dataclasses.asdict(clean)))
    except OSError as exc:
        raise QariError(f"settings could not be saved to {paths.settings_file}: {exc.strerror or exc}") from exc
