"""However broken the settings file, ``python -m reader`` starts and paints the article.

End to end, the way a user meets it: a real process on a config folder holding a
bad ``settings.json``.  Values that are wrong fall back to their defaults; a file
that cannot be parsed at all is kept aside as ``settings.json.bad``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

BROKEN: dict[str, bytes] = {
    "nan-font-size": b'{"version": 2, "font_size": NaN}',
    "huge-font-size": b'{"version": 2, "font_size": 1e308, "line_spacing": -Infinity}',
    "shortcut-not-text": b'{"version": 2, "shortcuts": {"find.open": 42, "no.such.action": "Ctrl+Q", "view.zoom_in": "Ctrl+Nonsense+Key"}}',
    "nested-100000": b"[" * 100_000 + b"]" * 100_000,
    "binary": bytes(range(256)) * 8,
    "empty": b"",
    "wrong-types": b'{"version": "two", "theme": ["dark"], "hidden_types": "PERS", "print": 7}',
}
UNPARSEABLE = {"nested-100000", "binary"}


@pytest.mark.timeout(180)
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_app_starts_with_any_settings_file(name: str, tmp_path: Path, seed_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_bytes(BROKEN[name])
    shot = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--config-dir", str(config), "--data-dir", str(tmp_path / "data"), "--screenshot", str(shot), str(seed_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=170,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert shot.exists() and shot.stat().st_size > 10_000, "the window was not painted"
    if name in UNPARSEABLE:
        assert (config / "settings.json.bad").read_bytes() == BROKEN[name], "the unreadable file must be kept aside as it was"
