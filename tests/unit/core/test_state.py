"""State (reading positions, recent files): apart from settings, bounded, migrated from version 1, and safe for any file name."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from reader.core.errors import QariError
from reader.core.settings import Paths, Settings, load_settings, save_settings
from reader.core.state import MAX_POSITIONS, MAX_RECENT, State, load_state, save_state

#: A file name that is not UTF-8 (Latin-1 "café"), as Python names it: ``os.fsdecode`` keeps the byte as U+DCE9.
NON_UTF8 = os.fsdecode(b"/articles/caf\xe9.txt")


def write_state(paths: Paths, content: str | bytes) -> None:
    paths.state.mkdir(parents=True, exist_ok=True)
    paths.state_file.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def test_recent_files_most_recent_first_without_repeats() -> None:
    s = State()
    for name in ("/a.txt", "/b.txt", "/a.txt"):
        s.add_recent(name)
    assert s.recent_files == ["/a.txt", "/b.txt"]
    for i in range(MAX_RECENT + 3):
        s.add_recent(f"/f{i}.txt")
    assert len(s.recent_files) == MAX_RECENT and s.recent_files[0] == f"/f{MAX_RECENT + 2}.txt"


def test_reading_positions_are_bounded_oldest_first() -> None:
    s = State()
    for i in range(MAX_POSITIONS + 5):
        s.remember_position(f"/f{i}.txt", i)
    s.remember_position("/f3.txt", 99)  # reading an old file again makes it recent
    assert len(s.positions) == MAX_POSITIONS
    assert "/f0.txt" not in s.positions and s.positions["/f3.txt"] == 99
    assert list(s.positions)[-1] == "/f3.txt"


def test_round_trip_with_arabic_and_non_utf8_file_names(paths: Paths) -> None:
    s = State()
    for path, pos in (("/a.txt", 5), ("/مقالات/الرحلة.md", 1200), (NON_UTF8, 77)):
        s.add_recent(path)
        s.remember_position(path, pos)
    save_state(s, paths)
    raw = paths.state_file.read_bytes()
    text = raw.decode("utf-8")  # strictly valid UTF-8 on disk
    assert "الرحلة" in text, "Arabic names stay readable in the file"
    assert "\\udce9" in text
    loaded, warning = load_state(paths)
    assert warning is None
    assert loaded == s
    assert list(loaded.positions) == list(s.positions), "order (recency) is kept"
    assert loaded.positions[NON_UTF8] == 77 and os.fsencode(loaded.recent_files[0]) == b"/articles/caf\xe9.txt"


def test_state_lives_apart_from_settings(paths: Paths) -> None:
    s = State()
    s.add_recent("/a.txt")
    save_state(s, paths)
    save_settings(Settings(theme="dark"), paths)
    assert paths.state_file.parent == paths.state != paths.config
    assert "/a.txt" not in paths.settings_file.read_text(encoding="utf-8")
    assert json.loads(paths.state_file.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_state_file_is_private(paths: Paths) -> None:
    save_state(State(), paths)
    assert stat.S_IMODE(paths.state_file.stat().st_mode) == 0o600


def test_nothing_stored_gives_an_empty_state(paths: Paths) -> None:
    assert load_state(paths) == (State(), None)
    assert not paths.state.exists(), "loading writes nothing when there is nothing to migrate"


def test_migration_from_version_1_settings(paths: Paths) -> None:
    positions = {"/old.txt": 10, NON_UTF8: 20, "/recent.txt": 30}
    v1 = {"version": 1, "theme": "dark", "recent_files": ["/recent.txt", "/old.txt"], "positions": positions}
    paths.config.mkdir(parents=True)
    # Written as version 1 wrote it (ensure_ascii=False would fail on NON_UTF8, so as escapes).
    paths.settings_file.write_text(json.dumps(v1), encoding="utf-8")
    settings, warning = load_settings(paths)
    assert warning is None and settings.theme == "dark"
    state, warning = load_state(paths)
    assert warning is None
    assert state.recent_files == ["/recent.txt", "/old.txt"] and state.positions == positions
    assert paths.state_file.exists(), "migrated state is saved at once"
    save_settings(settings, paths)  # the next settings save leaves them out …
    saved = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    assert "positions" not in saved and "recent_files" not in saved and saved["version"] == 2
    assert load_state(paths) == (state, None), "… and nothing is lost"


def test_the_state_file_wins_over_old_settings(paths: Paths) -> None:
    s = State(recent_files=["/new.txt"], positions={"/new.txt": 1})
    save_state(s, paths)
    paths.config.mkdir(parents=True)
    paths.settings_file.write_text(json.dumps({"version": 1, "recent_files": ["/old.txt"], "positions": {"/old.txt": 9}}), encoding="utf-8")
    assert load_state(paths) == (s, None)


def test_migration_with_bad_old_values(paths: Paths) -> None:
    paths.config.mkdir(parents=True)
    paths.settings_file.write_text('{"recent_files": [1, 2], "positions": {"/a.txt": 4}}', encoding="utf-8")
    state, warning = load_state(paths)
    assert state == State(positions={"/a.txt": 4})
    assert warning is not None and "recent_files" in warning and "positions" not in warning


@pytest.mark.parametrize("old", [b"{broken", b"[1]", b"\xff\xfe", b"[" * 100_000])
def test_migration_ignores_a_broken_old_settings_file(paths: Paths, old: bytes) -> None:
    paths.config.mkdir(parents=True)
    paths.settings_file.write_bytes(old)
    assert load_state(paths) == (State(), None)
    assert paths.settings_file.read_bytes() == old, "keeping it aside is load_settings' job"


def test_migration_into_an_unwritable_state_folder_still_returns_the_state(paths: Paths, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the state folder's parent should be")
    p = Paths(paths.config, paths.data, paths.cache, blocker / "state")
    p.config.mkdir(parents=True)
    p.settings_file.write_text('{"recent_files": ["/a.txt"]}', encoding="utf-8")
    assert load_state(p) == (State(recent_files=["/a.txt"]), None)


BAD_STATE = [
    ("recent_files", "[1, 2]"),
    ("recent_files", '"/a.txt"'),
    ("recent_files", "null"),
    ("positions", '{"/a.txt": -1}'),
    ("positions", '{"/a.txt": "12"}'),
    ("positions", '{"/a.txt": 1.5}'),
    ("positions", '{"/a.txt": true}'),
    ("positions", '{"/a.txt": NaN}'),
    ("positions", '{"/a.txt": ' + "9" * 5000 + "}"),
    ("positions", '[["/a.txt", 1]]'),
]


@pytest.mark.parametrize(("name", "literal"), BAD_STATE, ids=[f"{n}={v[:14]}" for n, v in BAD_STATE])
def test_a_bad_state_value_is_dropped_and_reported(paths: Paths, name: str, literal: str) -> None:
    other, other_literal, other_value = ("positions", '{"/b.txt": 3}', {"/b.txt": 3}) if name == "recent_files" else ("recent_files", '["/b.txt"]', ["/b.txt"])
    write_state(paths, f'{{"version": 1, "{name}": {literal}, "{other}": {other_literal}}}')
    state, warning = load_state(paths)
    assert getattr(state, name) == getattr(State(), name)
    assert getattr(state, other) == other_value
    assert warning is not None and name in warning and other not in warning and "\n" not in warning


@pytest.mark.parametrize("content", [b"{not json", b"", b"[]", b"\x80\x81", b'{"a": ' * 100_000], ids=["text", "empty", "array", "binary", "nested"])
def test_an_unparseable_state_file_is_kept_aside(paths: Paths, content: bytes) -> None:
    write_state(paths, content)
    state, warning = load_state(paths)
    assert state == State()
    assert warning is not None and "could not be read" in warning and "state.json.bad" in warning
    assert paths.state_file.with_name("state.json.bad").read_bytes() == content
    save_state(State(recent_files=["/x.txt"]), paths)
    assert load_state(paths) == (State(recent_files=["/x.txt"]), None)


def test_oversized_lists_are_cut_to_the_caps(paths: Paths) -> None:
    recent = [f"/r{i}.txt" for i in range(MAX_RECENT + 20)]
    positions = {f"/p{i}.txt": i for i in range(MAX_POSITIONS + 100)}
    write_state(paths, json.dumps({"recent_files": recent, "positions": positions}))
    state, warning = load_state(paths)
    assert warning is None
    assert state.recent_files == recent[:MAX_RECENT], "the most recent are first"
    assert list(state.positions) == list(positions)[-MAX_POSITIONS:], "the most recent are last"


def test_save_state_failure_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(QariError, match="could not be saved"):
        save_state(State(), Paths(blocker, blocker, blocker, blocker / "state"))
