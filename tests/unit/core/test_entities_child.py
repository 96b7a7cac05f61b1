"""The window's entity child: its line protocol, decoded in any chunks, and the real child on the sample."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.core.entities import analyse
from reader.core.entities.child import Reader, child_command, decode, encode, write


def _same(a, b) -> None:
    assert [(e.key, e.type, e.name, e.mentions) for e in a] == [(e.key, e.type, e.name, e.mentions) for e in b]


def test_an_entity_survives_its_line(seed_text: str) -> None:
    entities = analyse(seed_text)
    assert entities
    _same([decode(encode(e), seed_text) for e in entities], entities)
    assert all("\n" not in encode(e) for e in entities)


@pytest.mark.parametrize("chunk", [1, 3, 7, 4096])
def test_the_output_decodes_in_any_chunks(seed_text: str, chunk: int) -> None:
    import io

    entities = analyse(seed_text)
    out = io.StringIO()
    out.write("P 0 10\nP 10 10\n")
    write(entities, out)
    data = out.getvalue().encode("utf-8")  # multi-byte letters are cut mid-character by small chunks
    told: list[tuple[int, int]] = []
    reader = Reader(seed_text, lambda d, t: told.append((d, t)))
    for i in range(0, len(data), chunk):
        assert not reader.finished
        reader.feed(data[i : i + chunk])
    assert reader.finished and told == [(0, 10), (10, 10)]
    _same(reader.entities, entities)


def test_a_short_or_strange_output_is_an_error(seed_text: str) -> None:
    reader = Reader(seed_text, lambda d, t: None)
    with pytest.raises(ValueError, match="sent 0 entities of 3"):
        reader.feed(b"E 3\n")
    with pytest.raises(ValueError, match="unexpected output"):
        Reader(seed_text, lambda d, t: None).feed(b"Traceback (most recent call last):\n")


@pytest.mark.timeout(120)
def test_the_child_finds_what_the_pipeline_finds(seed_text: str) -> None:
    done = subprocess.run(child_command(), input=seed_text.encode("utf-8"), capture_output=True, timeout=110)
    assert done.returncode == 0, done.stderr
    reader = Reader(seed_text, lambda d, t: None)
    reader.feed(done.stdout)
    assert reader.finished
    _same(reader.entities, analyse(seed_text))


@pytest.mark.timeout(120)
def test_bad_input_is_one_line_and_status_2() -> None:
    done = subprocess.run([sys.executable, "-m", "reader", "__entities-child"], input=b"\xff\xfe\x00bad", capture_output=True, timeout=110)
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qari: error: entity analysis")
