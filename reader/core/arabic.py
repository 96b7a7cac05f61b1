"""Arabic letters, marks, clitics and folding tables: the one place Qari spells them out.

Normalisation, search, tokenising, the model's features and the entity rules all
read these; a test fails on a letter set defined anywhere else in ``reader.core``.
Word lists (gazetteers, cue words) live in ``resources/``, not here.
"""

from __future__ import annotations

import re
import unicodedata

# --- Marks and folding -------------------------------------------------------------

#: Harakat, tanwin, shadda, sukun (U+064B–U+0652) and the dagger alef (U+0670).
DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}
#: Madda above written apart from its letter: over an alef it makes آ (see HAMZA_COMPOSITIONS); anywhere else it is a Quranic prolongation mark.
MADDA_MARK = "\u0653"
#: Hamza above and below written apart from their letter: composed with it where Unicode has the letter (أ ؤ ئ إ), a bare mark otherwise.
HAMZA_MARKS = frozenset({"\u0654", "\u0655"})
#: Quranic annotation marks that readers never type: U+06D6–U+06ED and the extended ones (U+08D3–U+08FF).
#: The small waw and yeh (ۥ ۦ) are among them: in Uthmani text they mark a lengthened vowel that ordinary spelling never writes (لَهُۥ is له).
QURANIC_MARKS = frozenset(chr(c) for c in [*range(0x06D6, 0x06EE), *range(0x08D3, 0x0900)])
#: Kashida, the stretching stroke.
TATWEEL = "\u0640"
#: Alef with hamza above or below, with madda, and alef wasla → bare alef.
HAMZA_ALEFS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
#: Alef maqsura → yeh (ى → ي).
ALEF_MAQSURA = {"\u0649": "\u064a"}
#: Teh marbuta → heh (ة → ه).
TEH_MARBUTA = {"\u0629": "\u0647"}
#: Persian and Urdu letters that are an Arabic letter in another spelling, always folded to it: ی → ي، ک → ك،
#: ہ ھ ە → ه، ۀ ۂ ۃ (heh with hamza, teh marbuta goal) → ة.  ى → ي and ة → ه then follow their own toggles.
SCRIPT_VARIANTS = {
    "\u06cc": "\u064a",
    "\u06a9": "\u0643",
    "\u06c1": "\u0647",
    "\u06be": "\u0647",
    "\u06d5": "\u0647",
    "\u06c0": "\u0629",
    "\u06c2": "\u0629",
    "\u06c3": "\u0629",
}
#: Hamza on waw and on yeh → hamza alone (مسؤول، مسئول، مسءول are one word), when search ignores hamza.
HAMZA_SEATS = {"\u0624": "\u0621", "\u0626": "\u0621"}


def _hamza_compositions() -> dict[str, str]:
    """Letter + combining madda or hamza → the precomposed letter: Unicode's canonical pairs (what NFC composes), plus ی and ى + hamza → ئ."""
    table = {}
    for c in range(0x0600, 0x0700):
        parts = unicodedata.decomposition(chr(c)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            table["".join(chr(int(p, 16)) for p in parts)] = chr(c)
    table["\u06cc\u0654"] = table["\u0649\u0654"] = "\u0626"
    return table


#: Letter + combining madda or hamza (ا + ٔ) → one letter (أ); a reader cannot see the difference.
HAMZA_COMPOSITIONS = _hamza_compositions()
#: Zero-width and directional controls that never change what a word is.
INVISIBLES = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff")
#: Signs written over a word (U+0610–U+061A, the honorific ligature marks): part of the word, like its harakat.
WORD_SIGNS = frozenset(chr(c) for c in range(0x0610, 0x061B))
#: What belongs to a word without being a letter or digit: whole-word search does not cut a word at these.
WORD_MARKS = DIACRITICS | {TATWEEL, MADDA_MARK} | HAMZA_MARKS | WORD_SIGNS | QURANIC_MARKS

#: Code point ranges of Arabic presentation forms (pre-shaped glyphs; never stored). U+FEFF, the byte order mark, is not one.
PRESENTATION_FORMS = (("\ufb50", "\ufdff"), ("\ufe70", "\ufefe"))


def _unshaped() -> dict[str, str]:
    """Each presentation form → its letters (NFKC, for these ranges only).

    A spacing mark's form (ﹰ, U+FE70) keeps its marks without the space NFKC puts before
    them, so pasted harakat do not split a word.
    """
    table = {}
    for low, high in PRESENTATION_FORMS:
        for c in range(ord(low), ord(high) + 1):
            letters = unicodedata.normalize("NFKC", chr(c))
            if letters != chr(c):
                table[chr(c)] = letters.lstrip(" ") if unicodedata.category(letters[-1]) == "Mn" else letters
    return table


#: Presentation forms pasted from PDFs and old web pages (ﻻ، ﷲ، ﺑ) → the letters they draw (لا، الله، ب).
UNSHAPED = _unshaped()

# --- Letters, digits and punctuation, as regular-expression classes and sets ----------------

#: Arabic letters (hamza to yeh, alef wasla to yeh barree): a regex class body.
LETTER_CLASS = "\u0621-\u064a\u0671-\u06d3"
#: The whole Arabic block: a regex class body.
BLOCK_CLASS = "\u0600-\u06ff"
#: Marks a token may carry after its first letter (U+064B–U+065F, dagger alef, tatweel, Quranic marks): a regex class body.
MARK_CLASS = "\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u08d3-\u08ff"
#: Arabic-Indic digits ٠–٩, in order.
DIGITS = "".join(chr(c) for c in range(0x0660, 0x066A))
#: The same digits: a regex class body.
DIGIT_CLASS = "\u0660-\u0669"
#: The Arabic decimal separator (٫).
DECIMAL_SEPARATOR = "\u066b"
#: Arabic question mark (؟), semicolon (؛) and comma (،).
QUESTION_MARK = "\u061f"
SEMICOLON = "\u061b"
COMMA = "\u060c"

# --- Clitics and the article ---------------------------------------------------------

#: The definite article.
ARTICLE = "\u0627\u0644"
#: The article as written: also with alef wasla (ٱل), in vocalised and Quranic text.
ARTICLES = (ARTICLE, "\u0671\u0644")
#: ل + ال is written لل (the article's alef is dropped).
LAM_ARTICLE = "\u0644\u0644"
#: Conjunctions written joined to the next word: و، ف.
WAW = "\u0648"
CONJUNCTIONS = (WAW, "\u0641")
#: Prepositions written joined to the next word: ب، ل، ك.
PREPOSITIONS = ("\u0628", "\u0644", "\u0643")
#: Bare alef: the tanween alef a noun takes in the accusative (دولارًا).
ALEF = "\u0627"
#: The ending of a nisba adjective (اليساري، الأمريكي).
NISBA = "\u064a"


def _proclitics() -> tuple[str, ...]:
    """Every sequence of conjunction, preposition and article a word may carry, longest first.

    ف + ك is left out: it is rare, and as a clitic it would cut words that begin
    فكر or فكان (the model's stems were trained without it).  The bare article is
    not in the table; callers that accept it say so.
    """
    forms = []
    for conj in ("", *CONJUNCTIONS):
        for prep in ("", *PREPOSITIONS):
            if conj == CONJUNCTIONS[1] and prep == PREPOSITIONS[2]:
                continue
            for article in ("", ARTICLE):
                form = conj + (LAM_ARTICLE if prep == PREPOSITIONS[1] and article else prep + article)
                if form and form != ARTICLE:
                    forms.append(form)
    return tuple(sorted(forms, key=len, reverse=True))


#: Proclitic sequences, longest first: و ف ب ك ل، وال، بال، لل، وبال … (twenty).
PROCLITICS = _proclitics()
#: What may stand before a word inside the same written word, for whole-word search: a clitic, the article, or nothing.
WHOLE_WORD_PREFIXES = frozenset({"", ARTICLE, *PROCLITICS})
#: Before a name that lost its article's alef to لل: لل، ولل، فلل.
LAM_ARTICLE_PREFIXES = frozenset(c for c in PROCLITICS if c.endswith(LAM_ARTICLE))


def strip_article(folded: str) -> str:
    """``الX`` → ``X`` when X keeps at least three letters."""
    return folded[2:] if folded.startswith(ARTICLE) and len(folded) >= 5 else folded


# --- Parts of names ------------------------------------------------------------------

#: Folded words that join the parts of a name: بن، ابن، بنت، أبو، أبي، أبا، عبد، آل، دو، دي، دا، فون، أم.
NAME_JOINERS = frozenset({"بن", "ابن", "بنت", "ابو", "ابي", "ابا", "عبد", "ال", "دو", "دي", "دا", "فون", "ام"})
#: Words a name cannot follow without including: أبا هريرة، عبد الله، أم كلثوم.
NAME_OPENERS = frozenset({"ابو", "ابي", "ابا", "ام", "عبد"})
#: Words that open a patronymic: بن، بنت.
PATRONYMICS = frozenset({"بن", "بنت"})
#: A passive or derived participle with the article (المدعوم، المتهم، المنشق): it describes a name, it is not part of it.
PARTICIPLE = re.compile(r"^ال(?:م..و.|مت...|من...)$")
