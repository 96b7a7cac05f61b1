"""Tokens with character offsets, split the way ANERcorp was: words, numbers
and punctuation apart; clitics stay attached (the model sees them)."""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.core.arabic import DECIMAL_SEPARATOR, DIGIT_CLASS, LETTER_CLASS, MARK_CLASS, QUESTION_MARK

TOKEN_RE = re.compile(rf"[^\W\d_][\w{MARK_CLASS}]*|[{MARK_CLASS}]+|\d+(?:[.,{DECIMAL_SEPARATOR}]\d+)*|[{DIGIT_CLASS}]+|\S")
_SENTENCE_END = frozenset(".!?\n" + QUESTION_MARK)
_ARABIC_LETTER = re.compile(f"[{LETTER_CLASS}]")


class Token(NamedTuple):
    """A token and its ``[start, end)`` offsets in the text it came from.

    A named tuple, not a frozen dataclass: a document has a token per word, and a
    frozen dataclass takes five times as long to make (0.13 s for ANERcorp's text).
    """

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``."""
    return [Token(m.group(), *m.span()) for m in TOKEN_RE.finditer(text)]


#: One sentence as three columns: its words, their start offsets and their end offsets.
Columns = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]


#: A "sentence" is cut after this many tokens: the CRF's time and memory grow with a sentence's
#: length (a million & in one line needed 1.2 GB); the training file's longest sentence has 530 tokens.
MAX_SENTENCE_TOKENS = 600


def sentence_columns(text: str) -> list[Columns]:
    """Sentences (cut at . ! ? ؟ and line ends, and after :data:`MAX_SENTENCE_TOKENS`) as columns of words and offsets.

    No object per token, and tuples, not lists: a long document has a hundred
    thousand tokens, all kept until its analysis ends, and the cycle collector
    would scan each token object and each list on every full collection.
    """
    out: list[Columns] = []
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last_end = 0
    for m in TOKEN_RE.finditer(text):
        start, end = m.span()
        if words and "\n" in text[last_end:start]:
            out.append((tuple(words), tuple(starts), tuple(ends)))
            words, starts, ends = [], [], []
        word = m.group()
        words.append(word)
        starts.append(start)
        ends.append(end)
        last_end = end
        if word in _SENTENCE_END or len(words) >= MAX_SENTENCE_TOKENS:
            out.append((tuple(words), tuple(starts), tuple(ends)))
            words, starts, ends = [], [], []
    if words:
        out.append((tuple(words), tuple(starts), tuple(ends)))
    return out


def sentences(text: str) -> list[list[Token]]:
    """Tokens grouped into sentences (cut at . ! ? ؟ and line ends)."""
    return [[Token(*t) for t in zip(*columns, strict=True)] for columns in sentence_columns(text)]


def is_arabic(word: str) -> bool:
    """True if ``word`` has an Arabic letter."""
    return bool(_ARABIC_LETTER.search(word))
