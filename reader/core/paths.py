"""Where Qari keeps things: one injectable object, so nothing writes to the real home unless meant to.

Four kinds of place, after the XDG base directory spec: *config* (what the
user chose: settings.json), *state* (what Qari remembers by itself: reading
positions, recent files), *data* (the user's own data: notes, library) and
*cache* (anything that can be rebuilt).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: Environment variables that override each folder (tests, portable installs).
ENV_VARS = {"config": "QARI_CONFIG_DIR", "data": "QARI_DATA_DIR", "cache": "QARI_CACHE_DIR", "state": "QARI_STATE_DIR"}


@dataclass(frozen=True)
class Paths:
    """Where Qari keeps its config, data, cache and state.

    Attributes:
        config: settings.json (what the user chose).
        data: the user's own data.
        cache: what can be rebuilt.
        state: state.json (reading positions, recent files).
    """

    config: Path
    data: Path
    cache: Path
    state: Path

    @classmethod
    def default(cls) -> Paths:
        """Platform locations, each overridable with ``QARI_CONFIG_DIR``, ``QARI_DATA_DIR``, ``QARI_CACHE_DIR``, ``QARI_STATE_DIR``."""
        home = Path.home()
        if sys.platform == "win32":
            base = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / "Qari"
            config, data, cache = base, base, Path(os.environ.get("LOCALAPPDATA", base)) / "Qari" / "cache"
            state = data
        elif sys.platform == "darwin":
            base = home / "Library" / "Application Support" / "Qari"
            config, data, cache = base, base, home / "Library" / "Caches" / "Qari"
            state = data
        else:
            config = _xdg("XDG_CONFIG_HOME", home / ".config") / "qari"
            data = _xdg("XDG_DATA_HOME", home / ".local" / "share") / "qari"
            cache = _xdg("XDG_CACHE_HOME", home / ".cache") / "qari"
            state = _xdg("XDG_STATE_HOME", home / ".local" / "state") / "qari"
        found = {"config": config, "data": data, "cache": cache, "state": state}
        for kind, var in ENV_VARS.items():
            if os.environ.get(var):
                found[kind] = Path(os.environ[var])
        return cls(**found)

    @classmethod
    def under(cls, base: Path) -> Paths:
        """All four folders under ``base`` (``--temp-basedir``, tests)."""
        return cls(base / "config", base / "data", base / "cache", base / "state")

    @classmethod
    def from_options(cls, config_dir: Path | None = None, data_dir: Path | None = None, temp_base: Path | None = None) -> Paths:
        """The folders the command line asked for (``--config-dir``, ``--data-dir``, ``--temp-basedir``).

        ``temp_base`` puts every folder under it (as :meth:`under`); otherwise
        the platform defaults apply. Then ``config_dir`` is where settings.json
        lives, and ``data_dir`` holds the user's data and the state (as the data
        folder does on macOS and Windows). The cache stays where it was.
        """
        base = cls.under(temp_base) if temp_base is not None else cls.default()
        config = config_dir if config_dir is not None else base.config
        data = data_dir if data_dir is not None else base.data
        state = data_dir if data_dir is not None else base.state
        return cls(config, data, base.cache, state)

    @property
    def settings_file(self) -> Path:
        """The settings JSON file."""
        return self.config / "settings.json"

    @property
    def state_file(self) -> Path:
        """The state JSON file (reading positions, recent files)."""
        return self.state / "state.json"


def _xdg(var: str, fallback: Path) -> Path:
    """An XDG base folder; the spec says to ignore empty and relative values."""
    value = os.environ.get(var, "")
    return Path(value) if value and os.path.isabs(value) else fallback
