"""Arabic letters, marks, clitics and folding tables: the one place Qari spells them out.

Normalisation, search, tokenising, the model's features and the entity rules all
read these; a test fails on a letter set defined anywhere else in ``reader.core``.
Word lists (gazetteers, cue words) live in ``resources/``, not here.
"""

from __future__ import annotations

import re

# --- Marks and folding -------------------------------------------------------------

#: Harakat, tanwin, shadda, sukun (U+064B–U+0652) and the dagger alef (U+0670).
DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}
#: Quranic annotation marks that readers never type either (U+06D6–U+06ED but the small waw and yeh, which are letters).
QURANIC_MARKS = frozenset(chr(c) for c in range(0x06D6, 0x06EE)) - {"\u06e5", "\u06e6"}
#: Kashida, the stretching stroke.
TATWEEL = "\u0640"
#: Alef with hamza above or below, with madda, and alef wasla → bare alef.
HAMZA_ALEFS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
#: Alef maqsura → yeh (ى → ي).
ALEF_MAQSURA = {"\u0649": "\u064a"}
#: Teh marbuta → heh (ة → ه).
TEH_MARBUTA = {"\u0629": "\u0647"}
#: Zero-width and directional controls that never change what a word is.
INVISIBLES = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff")
#: Signs written over a word (U+0610–U+061A, the honorific ligature marks): part of the word, like its harakat.
WORD_SIGNS = frozenset(chr(c) for c in range(0x0610, 0x061B))
#: What belongs to a word without being a letter or digit: whole-word search does not cut a word at these.
WORD_MARKS = DIACRITICS | {TATWEEL} | WORD_SIGNS | frozenset(chr(c) for c in range(0x06D6, 0x06EE))

#: Code point ranges of Arabic presentation forms (pre-shaped glyphs; never stored). U+FEFF, the byte order mark, is not one.
PRESENTATION_FORMS = (("\ufb50", "\ufdff"), ("\ufe70", "\ufefe"))

# --- Letters, digits and punctuation, as regular-expression classes and sets ----------------

#: Arabic letters (hamza to yeh, alef wasla to yeh barree): a regex class body.
LETTER_CLASS = "\u0621-\u064a\u0671-\u06d3"
#: The whole Arabic block: a regex class body.
BLOCK_CLASS = "\u0600-\u06ff"
#: Marks a token may carry after its first letter (U+064B–U+065F, dagger alef, tatweel, Quranic marks): a regex class body.
MARK_CLASS = "\u064b-\u065f\u0670\u0640\u06d6-\u06ed"
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
