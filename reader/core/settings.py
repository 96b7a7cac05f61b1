"""Qari's settings: one typed object, saved as JSON atomically, with a version.

Paths come from :class:`Paths`, which the command line (``--config-dir``,
``--temp-basedir``) or tests point anywhere, so nothing writes to the real home
folder unless it is meant to.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.errors import QariError

SETTINGS_VERSION = 1
MAX_RECENT = 10
#: Reading positions kept; the oldest are forgotten first.
MAX_POSITIONS = 500


@dataclass(frozen=True)
class Paths:
    """Where Qari keeps its config, data and cache."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def default(cls) -> Paths:
        """Platform locations, overridable with ``QARI_CONFIG_DIR``, ``QARI_DATA_DIR``, ``QARI_CACHE_DIR``."""
        home = Path.home()
        if sys.platform == "win32":
            base = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / "Qari"
            config, data, cache = base, base, Path(os.environ.get("LOCALAPPDATA", base)) / "Qari" / "cache"
        elif sys.platform == "darwin":
            base = home / "Library" / "Application Support" / "Qari"
            config, data, cache = base, base, home / "Library" / "Caches" / "Qari"
        else:
            config = Path(os.environ.get("XDG_CONFIG_HOME", home / ".config")) / "qari"
            data = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share")) / "qari"
            cache = Path(os.environ.get("XDG_CACHE_HOME", home / ".cache")) / "qari"
        return cls(
            Path(os.environ.get("QARI_CONFIG_DIR", config)),
            Path(os.environ.get("QARI_DATA_DIR", data)),
            Path(os.environ.get("QARI_CACHE_DIR", cache)),
        )

    @classmethod
    def under(cls, base: Path) -> Paths:
        """All three folders under ``base`` (``--temp-basedir``, tests)."""
        return cls(base / "config", base / "data", base / "cache")

    @property
    def settings_file(self) -> Path:
        """The settings JSON file."""
        return self.config / "settings.json"


@dataclass
class PrintOptions:
    """What the user chose once for paper and PDF."""

    MARGIN_RANGE = (5.0, 50.0)
    FONT_RANGE = (8.0, 30.0)

    paper: str = ""  # "" → from the locale (Letter in the Americas, A4 elsewhere)
    margin_mm: float = 20.0
    font_size: float = 13.0
    highlights: bool = True
    arabic_digits: bool = True


@dataclass
class Settings:
    """Everything Qari remembers between runs."""

    version: int = SETTINGS_VERSION
    theme: str = "auto"  # "light", "dark" or "auto" (follow the system)
    ui_direction: str = "rtl"  # the window's layout: "rtl" (Arabic) or "ltr"
    font_size: float = 20.0
    line_spacing: float = 1.25
    justify: bool = False
    hidden_types: list[str] = field(default_factory=list)
    recent_files: list[str] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)
    shortcuts: dict[str, str] = field(default_factory=dict)
    sidebar_visible: bool = True
    print: PrintOptions = field(default_factory=PrintOptions)

    def remember_position(self, path: str, position: int) -> None:
        """Keep where ``path`` was being read; the most recent :data:`MAX_POSITIONS` are kept."""
        self.positions.pop(path, None)
        self.positions[path] = position
        while len(self.positions) > MAX_POSITIONS:
            self.positions.pop(next(iter(self.positions)))

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files list."""
        self.recent_files = [path, *[p for p in self.recent_files if p != path]][:MAX_RECENT]


def _from_dict(cls: type, raw: dict[str, Any]) -> Any:
    """Build a dataclass from ``raw``, ignoring unknown keys and keeping defaults for bad ones."""
    obj = cls()
    for f in dataclasses.fields(cls):
        if f.name not in raw:
            continue
        value = raw[f.name]
        current = getattr(obj, f.name)
        if dataclasses.is_dataclass(current) and isinstance(value, dict):
            setattr(obj, f.name, _from_dict(type(current), value))
        elif isinstance(current, bool) and isinstance(value, bool) or type(current) is type(value):
            setattr(obj, f.name, value)
        elif isinstance(current, float) and isinstance(value, int) and not isinstance(value, bool):
            setattr(obj, f.name, float(value))
    return obj


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older settings dict up to :data:`SETTINGS_VERSION` (none needed yet)."""
    raw = dict(raw)
    raw["version"] = SETTINGS_VERSION
    return raw


def load_settings(paths: Paths) -> tuple[Settings, str | None]:
    """Settings from disk, and a warning if the file was unreadable (defaults are used then)."""
    path = paths.settings_file
    if not path.exists():
        return Settings(), None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        return Settings(), f"settings file {path} could not be read ({exc}); using defaults"
    return _from_dict(Settings, migrate(raw)), None


def atomic_write(path: Path, data: bytes, make_parents: bool = True) -> None:
    """Write ``data`` to ``path`` so that it is either the old or the new content, never half."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_settings(settings: Settings, paths: Paths) -> None:
    """Save ``settings`` atomically; raise :class:`QariError` if the folder is not writable."""
    data = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2).encode("utf-8")
    try:
        atomic_write(paths.settings_file, data)
    except OSError as exc:
        raise QariError(f"settings could not be saved to {paths.settings_file}: {exc.strerror or exc}") from exc
