"""Entity analysis in a child process, for the window.

The window must never stall and must stay small: analysing an 8 MiB article
holds Python's GIL for half a minute (the event loop waited 100–150 ms at a
time) and needs a few hundred MiB it would keep.  So the window starts this
child, writes the text (UTF-8) to its stdin and reads its stdout, line by line:

    P <sentences tagged> <sentences>        progress, as the model runs
    {"k": key, "t": type, "n": name, "m": [[start, end, type], …]}   one entity
    E <entities>                             the end; anything else is an error

Cancelling is killing the child.  The lines are small, so the window decodes
them as they arrive, never one large block at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from reader.core.entities.types import Entity, EntityType, Mention

#: The hidden subcommand of the frozen app (``qari __entities-child``); ``python -m`` this module otherwise.
CHILD_SUBCOMMAND = "__entities-child"
_CODES = {t: i for i, t in enumerate(EntityType)}
_TYPES = list(EntityType)


def child_command() -> list[str]:
    """The argv that starts this child."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_SUBCOMMAND]
    return [sys.executable, "-m", "reader.core.entities.child"]


def encode(entity: Entity) -> str:
    """One entity as one JSON line (no newline); mention texts are left out, the reader has the text."""
    mentions = [[m.start, m.end, _CODES[m.type]] for m in entity.mentions]
    return json.dumps({"k": entity.key, "t": _CODES[entity.type], "n": entity.name, "m": mentions}, ensure_ascii=False, separators=(",", ":"))


def decode(line: str, text: str) -> Entity:
    """The entity of one :func:`encode` line, its mentions' texts taken from ``text``."""
    raw = json.loads(line)
    mentions = [Mention(s, e, _TYPES[t], text[s:e]) for s, e, t in raw["m"]]
    return Entity(raw["k"], _TYPES[raw["t"]], raw["n"], mentions)


class Reader:
    """Decodes the child's output as it arrives: :meth:`feed` bytes, get progress calls; :attr:`entities` at the end."""

    def __init__(self, text: str, progress: Callable[[int, int], None]) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.finished = False
        self._progress = progress
        self._partial = b""

    def feed(self, data: bytes) -> None:
        """Take more of the child's stdout; raise ValueError on a line that is not the protocol."""
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        for raw in lines:
            self._line(raw.decode("utf-8"))

    def _line(self, line: str) -> None:
        if line.startswith("P "):
            done, total = line[2:].split()
            self._progress(int(done), int(total))
        elif line.startswith("{"):
            self.entities.append(decode(line, self.text))
        elif line.startswith("E "):
            if int(line[2:]) != len(self.entities):
                raise ValueError(f"the analysis sent {len(self.entities)} entities of {line[2:]}")
            self.finished = True
        elif line:
            raise ValueError(f"unexpected output from the analysis: {line[:80]!r}")


def write(entities: Iterable[Entity], out: TextIO) -> None:
    """The entity lines and the end line."""
    count = 0
    for entity in entities:
        out.write(encode(entity) + "\n")
        count += 1
    out.write(f"E {count}\n")
    out.flush()


def main(argv: list[str] | None = None) -> int:
    """Analyse stdin; exit 0, or 2 with a one-line reason on stderr."""
    del argv  # no options: everything comes on stdin
    if sys.stdin is None or sys.stdout is None:  # a windowed app started without pipes
        print("qari: error: the entity analysis was started without its input and output", file=sys.stderr)
        return 2
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - stdout stays open
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
        from reader.core.entities.pipeline import analyse

        def progress(done: int, total: int) -> None:
            out.write(f"P {done} {total}\n")
            out.flush()

        write(analyse(text, progress=progress), out)
    except (BrokenPipeError, KeyboardInterrupt):  # the window went away or cancelled: nothing to say
        return 1
    except (UnicodeDecodeError, OSError) as exc:
        print(f"qari: error: entity analysis: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the model failing: one line for the window's status bar, never a traceback
        print(f"qari: error: entity analysis failed ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
