"""Settings: typed, validated value by value, versioned, saved atomically, and never a reason not to start."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.errors import QariError
from reader.core.settings import (
    ENTITY_TYPE_NAMES,
    SETTINGS_VERSION,
    Paths,
    PrintOptions,
    Settings,
    clean_stale_temp_files,
    field_range,
    load_settings,
    migrate,
    save_settings,
)
from tests.conftest import ROOT


def write(paths: Paths, content: str | bytes) -> None:
    paths.config.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    paths.settings_file.write_bytes(data)


def test_round_trip(paths: Paths) -> None:
    s = Settings(font_size=24.0, theme="dark", hidden_types=["DATE"], shortcuts={"view.sidebar": "Ctrl+Shift+B"})
    s.print.arabic_digits = False
    s.print.paper = "us-letter"
    save_settings(s, paths)
    loaded, warning = load_settings(paths)
    assert warning is None
    assert loaded == s
    assert loaded is not s


def test_no_file_gives_defaults_without_warning(paths: Paths) -> None:
    assert load_settings(paths) == (Settings(), None)


def test_entity_type_names_match_the_entity_types() -> None:
    from reader.core.entities.types import EntityType

    assert list(ENTITY_TYPE_NAMES) == [t.value for t in EntityType]


def test_every_field_declares_its_rule() -> None:
    for cls in (Settings, PrintOptions):
        for f in dataclasses.fields(cls):
            if f.name in ("version", "print"):
                continue
            assert callable(f.metadata.get("check")), f"{cls.__name__}.{f.name}"
            default = getattr(cls(), f.name)
            assert f.metadata["check"](default) == default, f"{cls.__name__}.{f.name}: default breaks its own rule"


def test_field_range_is_the_declared_range() -> None:
    assert field_range(Settings, "font_size") == (10.0, 48.0)
    assert field_range(Settings, "line_spacing") == (1.0, 3.0)
    assert field_range(PrintOptions, "margin_mm") == PrintOptions.MARGIN_RANGE
    assert field_range(PrintOptions, "font_size") == PrintOptions.FONT_RANGE
    with pytest.raises(KeyError):
        field_range(Settings, "theme")


def test_list_and_dict_defaults_are_not_shared() -> None:
    a, b = Settings(), Settings()
    a.hidden_types.append("DATE")
    a.shortcuts["x"] = "Ctrl+X"
    assert b.hidden_types == [] and b.shortcuts == {}


BAD_VALUES = [
    ("font_size", "500"),
    ("font_size", "NaN"),
    ("font_size", "Infinity"),
    ("font_size", "-Infinity"),
    ("font_size", "1e308"),
    ("font_size", "1e999"),
    ("font_size", "9" * 5000),  # beyond Python's int digit limit
    ("font_size", '"huge"'),
    ("font_size", "true"),
    ("font_size", "null"),
    ("line_spacing", "0.5"),
    ("line_spacing", "NaN"),
    ("theme", '"purple"'),
    ("theme", "3"),
    ("theme", '["dark"]'),
    ("ui_direction", '"up"'),
    ("justify", "1"),
    ("justify", '"yes"'),
    ("hidden_types", '["PERSON", "ALIEN"]'),
    ("hidden_types", '"PERSON"'),
    ("hidden_types", "[1, 2]"),
    ("shortcuts", '{"view.sidebar": 1}'),
    ("shortcuts", '{"view.sidebar": null}'),
    ("shortcuts", '["Ctrl+B"]'),
    ("sidebar_visible", '"true"'),
    ("print.paper", '"a3"'),
    ("print.paper", '"A4"'),
    ("print.margin_mm", "1"),
    ("print.margin_mm", "NaN"),
    ("print.font_size", "100"),
    ("print.font_size", "Infinity"),
    ("print.highlights", "0"),
    ("print.arabic_digits", "null"),
    ("print", '"A4"'),
    ("print", "[]"),
]


def _value(settings: Settings, name: str) -> object:
    obj: object = settings
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize(("name", "literal"), BAD_VALUES, ids=[f"{n}={v[:12]}" for n, v in BAD_VALUES])
def test_a_bad_value_falls_back_to_its_default_and_is_reported(paths: Paths, name: str, literal: str) -> None:
    good, good_literal = ("sidebar_visible", "false") if name == "justify" else ("justify", "true")
    if name.startswith("print."):
        inner = name.split(".")[1]
        neighbour, neighbour_literal = ("margin_mm", "30") if inner == "highlights" else ("highlights", "false")
        body = f'{{"{good}": {good_literal}, "print": {{"{inner}": {literal}, "{neighbour}": {neighbour_literal}}}}}'
    else:
        neighbour = ""
        body = f'{{"{good}": {good_literal}, "{name}": {literal}}}'
    write(paths, body)
    loaded, warning = load_settings(paths)
    assert _value(loaded, name) == _value(Settings(), name)
    assert warning is not None and name in warning and "\n" not in warning
    assert getattr(loaded, good) != getattr(Settings(), good), "a good value beside a bad one is kept"
    if neighbour:
        assert getattr(loaded.print, neighbour) != getattr(PrintOptions(), neighbour), "good values in the same section are kept"
    assert paths.settings_file.exists(), "a file with bad values is not moved aside"


def test_many_bad_values_give_one_warning_naming_each(paths: Paths) -> None:
    write(paths, '{"font_size": NaN, "theme": "purple", "line_spacing": 1e308, "print": {"margin_mm": -Infinity}, "justify": true}')
    loaded, warning = load_settings(paths)
    assert warning is not None and warning.count("\n") == 0
    for name in ("font_size", "theme", "line_spacing", "print.margin_mm"):
        assert name in warning
    assert "justify" not in warning and loaded.justify is True
    assert math.isfinite(loaded.font_size) and loaded.font_size == Settings().font_size


def test_good_values_of_every_kind_are_accepted(paths: Paths) -> None:
    write(
        paths,
        '{"theme": "light", "ui_direction": "ltr", "font_size": 48, "line_spacing": 1, "justify": true,'
        ' "hidden_types": ["MISC", "DATE", "MISC"], "shortcuts": {"a.b": ""}, "sidebar_visible": false,'
        ' "print": {"paper": "a4", "margin_mm": 5, "font_size": 30.0, "highlights": false, "arabic_digits": false}}',
    )
    loaded, warning = load_settings(paths)
    assert warning is None
    assert loaded.font_size == 48.0 and isinstance(loaded.font_size, float)
    assert loaded.line_spacing == 1.0 and loaded.ui_direction == "ltr" and loaded.theme == "light"
    assert loaded.hidden_types == ["MISC", "DATE"]
    assert loaded.shortcuts == {"a.b": ""}
    assert loaded.print == PrintOptions(paper="a4", margin_mm=5.0, font_size=30.0, highlights=False, arabic_digits=False)


UNPARSEABLE = {
    "not-json": b"{not json",
    "empty": b"",
    "array": b"[1, 2, 3]",
    "string": b'"dark"',
    "null": b"null",
    "binary": bytes(range(256)) * 4,
    "invalid-utf8": b'{"theme": "\xff\xfe"}',
    "utf16": '{"theme": "dark"}'.encode("utf-16"),
    "nested-arrays": b"[" * 200_000,
    "nested-objects": b'{"a": ' * 100_000,
    "truncated": b'{"theme": "dark", "font_',
}


@pytest.mark.parametrize("content", UNPARSEABLE.values(), ids=UNPARSEABLE.keys())
def test_an_unparseable_file_is_kept_aside_and_defaults_are_used(paths: Paths, content: bytes) -> None:
    write(paths, content)
    loaded, warning = load_settings(paths)
    assert loaded == Settings()
    assert warning is not None and "could not be read" in warning and "settings.json.bad" in warning and "\n" not in warning
    bad = paths.settings_file.with_name("settings.json.bad")
    assert bad.read_bytes() == content
    assert not paths.settings_file.exists()
    save_settings(Settings(theme="dark"), paths)  # and the app can save again
    assert load_settings(paths) == (Settings(theme="dark"), None)


def test_a_newer_bad_file_replaces_the_older_one(paths: Paths) -> None:
    write(paths, b"first")
    load_settings(paths)
    write(paths, b"second")
    load_settings(paths)
    assert paths.settings_file.with_name("settings.json.bad").read_bytes() == b"second"
    assert sorted(p.name for p in paths.config.iterdir()) == ["settings.json.bad"]


@pytest.mark.parametrize("older_bad", ["none", "file", "folder"])
def test_a_folder_where_the_file_should_be(paths: Paths, older_bad: str) -> None:
    paths.settings_file.mkdir(parents=True)
    (paths.settings_file / "inside.txt").write_text("x")
    bad = paths.settings_file.with_name("settings.json.bad")
    if older_bad == "file":
        bad.write_bytes(b"old")
    elif older_bad == "folder":
        (bad / "sub").mkdir(parents=True)
    loaded, warning = load_settings(paths)
    assert loaded == Settings() and warning and "could not be read" in warning
    assert (bad / "inside.txt").read_text() == "x"
    save_settings(Settings(justify=True), paths)
    assert load_settings(paths)[0].justify is True


def test_a_byte_order_mark_is_accepted(paths: Paths) -> None:
    write(paths, b'\xef\xbb\xbf{"theme": "dark"}')
    assert load_settings(paths) == (Settings(theme="dark"), None)


def test_a_huge_file_is_refused_without_reading_it_all(paths: Paths) -> None:
    write(paths, b'{"theme": "dark", "x": "' + b"a" * (9 * 1024 * 1024) + b'"}')
    loaded, warning = load_settings(paths)
    assert loaded == Settings() and warning and "larger than" in warning


def test_migration_from_version_1_drops_state(paths: Paths) -> None:
    v1 = {"version": 1, "theme": "dark", "recent_files": ["/a.txt"], "positions": {"/a.txt": 12}, "font_size": 22}
    assert SETTINGS_VERSION == 2
    migrated = migrate(v1)
    assert migrated["version"] == 2 and "positions" not in migrated and "recent_files" not in migrated
    assert migrated["theme"] == "dark" and v1["positions"] == {"/a.txt": 12}, "the input is not changed"
    assert "positions" not in migrate({"positions": {}}), "no version means version 1"
    write(paths, json.dumps(v1))
    loaded, warning = load_settings(paths)
    assert warning is None and loaded.theme == "dark" and loaded.font_size == 22.0 and loaded.version == 2
    save_settings(loaded, paths)
    saved = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    assert saved["version"] == 2 and "positions" not in saved and "recent_files" not in saved


@pytest.mark.parametrize("version", ['"1"', "true", "-3", "null", "3"])
def test_odd_or_newer_versions_still_load(paths: Paths, version: str) -> None:
    write(paths, f'{{"version": {version}, "theme": "light", "from_the_future": 1}}')
    loaded, warning = load_settings(paths)
    assert warning is None and loaded.theme == "light" and loaded.version == SETTINGS_VERSION


def test_saving_checks_values_set_at_run_time(paths: Paths) -> None:
    s = Settings(justify=True)
    s.font_size = float("nan")
    s.theme = "purple"
    s.print.margin_mm = 1e308
    save_settings(s, paths)
    text = paths.settings_file.read_text(encoding="utf-8")
    assert "NaN" not in text and "purple" not in text
    loaded, warning = load_settings(paths)
    assert warning is None and loaded == Settings(justify=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_settings_file_is_private(paths: Paths) -> None:
    save_settings(Settings(), paths)
    assert stat.S_IMODE(paths.settings_file.stat().st_mode) == 0o600


def test_drop_unknown_shortcuts() -> None:
    s = Settings(shortcuts={"view.sidebar": "Ctrl+B", "gone.action": "Ctrl+G", "old": ""})
    assert s.drop_unknown_shortcuts(["view.sidebar", "file.open"]) == ["gone.action", "old"]
    assert s.shortcuts == {"view.sidebar": "Ctrl+B"}
    assert s.drop_unknown_shortcuts(iter(["view.sidebar"])) == []


def test_stale_temp_files_are_cleaned(paths: Paths) -> None:
    paths.config.mkdir(parents=True)
    paths.state.mkdir(parents=True)
    old = [paths.config / ".settings.json.abc123.tmp", paths.state / ".state.json.xyz789.tmp"]
    fresh = paths.config / ".settings.json.fresh1.tmp"
    unrelated = [paths.config / ".other.json.abc.tmp", paths.config / "settings.json.tmp", paths.state / ".notes.db.q.tmp"]
    for p in [*old, fresh, *unrelated]:
        p.write_text("{")
    hour_ago = time.time() - 3600
    for p in [*old, *unrelated]:
        os.utime(p, (hour_ago, hour_ago))
    folder = paths.config / ".settings.json.dir.tmp"  # not a file: left alone
    folder.mkdir()
    os.utime(folder, (hour_ago, hour_ago))
    assert sorted(clean_stale_temp_files(paths)) == sorted(old)
    assert fresh.exists() and folder.exists() and all(p.exists() for p in unrelated)
    assert clean_stale_temp_files(paths, older_than=0) == [fresh]


def test_load_settings_cleans_stale_temp_files(paths: Paths) -> None:
    save_settings(Settings(), paths)
    leftover = paths.config / ".settings.json.k1ll3d.tmp"
    leftover.write_text('{"half')
    os.utime(leftover, (time.time() - 120, time.time() - 120))
    load_settings(paths)
    assert not leftover.exists()


def test_clean_without_folders_is_harmless(paths: Paths) -> None:
    assert clean_stale_temp_files(paths) == []


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
        save_settings(Settings(), Paths(blocker / "config", blocker, blocker, blocker))


# -- kill -9 while saving -----------------------------------------------------------------------------------------

SAVER = """
import sys
from pathlib import Path
from reader.core.settings import Paths, Settings, save_settings
paths, n = Paths.under(Path(sys.argv[1])), int(sys.argv[2])
print("ready", flush=True)
while True:
    save_settings(Settings(font_size=10.0 + n % 39, shortcuts={"n": str(n), "pad": "x" * (n * 7919 % 20000)}), paths)
    n += 1
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killing_a_save_never_leaves_a_broken_file(paths: Paths) -> None:
    rng = random.Random(20240613)
    highest = -1
    saves_seen = 0
    for round_ in range(20):
        start = round_ * 1_000_000
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(paths.config.parent), str(start)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        assert child.returncode == -signal.SIGKILL
        if not paths.settings_file.exists():
            assert highest == -1, "once written, the file never disappears"
            continue
        text = paths.settings_file.read_text(encoding="utf-8")
        loaded, warning = load_settings(paths)
        assert warning is None, text[:200]
        n = int(loaded.shortcuts["n"])
        assert loaded == Settings(font_size=10.0 + n % 39, shortcuts={"n": str(n), "pad": "x" * (n * 7919 % 20000)}), "exactly a version written"
        assert n >= highest, "never an older version than one seen before"
        saves_seen += n > highest
        highest = n
    assert highest >= 0 and saves_seen >= 5, (highest, saves_seen)
    assert not paths.settings_file.with_name("settings.json.bad").exists()
    leftovers = clean_stale_temp_files(paths, older_than=0)
    assert all(p.name.startswith(".settings.json.") for p in leftovers)
    assert sorted(p.name for p in paths.config.iterdir()) == ["settings.json"]
