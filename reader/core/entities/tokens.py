"""Tokens with character offsets, split the way ANERcorp was: words, numbers
and punctuation apart; clitics stay attached (the model sees them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = "\u064b-\u065f\u0670\u0640\u06d6-\u06ed"
TOKEN_RE = re.compile(rf"[^\W\d_][\w{_MARKS}]*|[{_MARKS}]+|\d+(?:[.,٫]\d+)*|[\u0660-\u0669]+|\S")
_SENTENCE_END = frozenset(".!?؟\n")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")


@dataclass(frozen=True, slots=True)
class Token:
    """A token and its ``[start, end)`` offsets in the text it came from."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def sentences(text: str) -> list[list[Token]]:
    """Tokens grouped into sentences (cut at . ! ? ؟ and line ends)."""
    out: list[list[Token]] = []
    current: list[Token] = []
    last_end = 0
    for tok in tokenize(text):
        if current and "\n" in text[last_end : tok.start]:
            out.append(current)
            current = []
        current.append(tok)
        last_end = tok.end
        if tok.text in _SENTENCE_END:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def is_arabic(word: str) -> bool:
    """True if ``word`` has an Arabic letter."""
    return bool(_ARABIC_LETTER.search(word))
