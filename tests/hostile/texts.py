"""The valid Arabic article of the hostile corpus, and how its words are compared.

The article is written for this corpus (not copied): a short news piece with
partial and full diacritics, a quotation and named people, places and bodies,
so that every encoding Qari claims to read can be checked word for word.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

TITLE = "مكتبة المدينة القديمة تفتح أبوابها من جديد"

PARAGRAPHS = (
    "أَعْلَنَتْ بلديةُ مدينةِ طرابلس يومَ الأحدِ الماضي عن إعادةِ افتتاحِ المكتبةِ العامةِ القديمةِ بعد أعوامٍ من الترميمِ، "
    "وقال رئيسُ البلديةِ سميرُ الحدادُ إنَّ المبنى الذي شُيِّدَ في مطلعِ القرنِ الماضي استعادَ واجهتَهُ الحجريةَ ونوافذَهُ الخشبيةَ كما كانت.",
    "وأوضحَ الحدادُ في مؤتمرٍ صحفيٍّ عُقِدَ في قاعةِ المطالعةِ الكبرى أنَّ المكتبةَ تضمُّ اليومَ أكثرَ من أربعينَ ألفَ كتابٍ ومخطوطٍ، "
    "بينها نسخٌ نادرةٌ من دواوينِ الشعرِ العربيِّ وكتبِ الرحلاتِ والجغرافيا، وأنَّ فريقًا من جامعةِ دمشقَ ساعدَ في فهرستِها وحفظِها رقميًّا.",
    "وقالت الباحثةُ ليلى منصورٌ، التي أشرفت على قسمِ المخطوطاتِ، إنَّ أصعبَ ما واجهه الفريقُ كان الرطوبةَ التي أتلفت أطرافَ بعضِ الأوراقِ، "
    "مضيفةً أنَّ العملَ اعتمدَ على أدواتٍ بسيطةٍ وصبرٍ طويلٍ أكثرَ من اعتمادِه على الآلاتِ الحديثةِ.",
    "وَسَيَكُونُ بِوُسْعِ الطُّلَّابِ وَالْقُرَّاءِ زِيَارَةُ الْمَكْتَبَةِ طِيلَةَ أَيَّامِ الْأُسْبُوعِ، كَمَا خُصِّصَ جَنَاحٌ لِلْأَطْفَالِ يَضُمُّ قِصَصًا مُصَوَّرَةً "
    "وَرُكْنًا لِلْقِرَاءَةِ الْجَمَاعِيَّةِ.",
    "ويرى سكانُ الحيِّ أنَّ عودةَ المكتبةِ تعني عودةَ الحياةِ إلى الشارعِ كلِّهِ؛ فالمقاهي الصغيرةُ حولَها امتلأت منذ الصباحِ، "
    "وعادَ باعةُ الكتبِ المستعملةِ إلى أرصفتِهم بعد غيابٍ طويلٍ. وقال أحدُ الباعةِ، وهو رجلٌ في السبعينَ من عمرِه، "
    "إنه يذكرُ المكتبةَ منذ كان صبيًّا يستعيرُ منها رواياتِ نجيب محفوظ وطه حسين.",
    "وبلغت كلفةُ الترميمِ نحوَ ثلاثةِ ملايينِ دولارٍ، تحمّلت البلديةُ نصفَها، وتبرّعَ بالباقي مغتربونَ من أبناءِ المدينةِ وعددٌ من المؤسساتِ الخاصةِ.",
    "ومن المقرر أن تستضيفَ المكتبةُ في شهرِ أيارَ المقبلِ معرضًا للخطِّ العربيِّ بالتعاونِ مع وزارةِ الثقافةِ، يشاركُ فيه خطاطونَ "
    "من لبنانَ وسوريا والأردنِّ ومصرَ، إلى جانبِ ندواتٍ عن تاريخِ الورقِ والطباعةِ في المشرقِ.",
    "وختمَ رئيسُ البلديةِ كلمتَهُ بالقولِ: «المكتبةُ ليست مبنًى من حجرٍ فحسب، بل ذاكرةُ مدينةٍ كاملةٍ، "
    "ومن حقِّ أبنائِنا أن يجدوا هذه الذاكرةَ مفتوحةً أمامَهم كلَّ يومٍ».",
)

#: A word of the article that ``find`` must match in every valid input (the fixed pattern).
FIXED_PATTERN = "المكتبة"


def plain_text() -> str:
    """The article as a plain-text file writes it: title, blank line, paragraphs."""
    return TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def markdown_text() -> str:
    """The article as Markdown: a heading, one bold word, paragraphs."""
    first, *rest = PARAGRAPHS
    first = first.replace("المكتبةِ العامةِ", "**المكتبةِ العامةِ**", 1)
    return "# " + TITLE + "\n\n" + "\n\n".join([first, *rest]) + "\n"


def html_text(charset: str = "utf-8") -> str:
    """The article as an HTML page with a ``<meta charset>`` naming ``charset``."""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="{charset}"><title>{TITLE}</title>'
        f"<style>p {{ color: red }}</style><script>var x = '<p>not text</p>';</script></head>\n"
        f"<body><h1>{TITLE}</h1>\n{body}\n</body></html>\n"
    )


def short_text(paragraphs: int = 2) -> str:
    """The title and the first ``paragraphs`` paragraphs: filler for inputs that wrap hostile bits."""
    return TITLE + "\n\n" + "\n\n".join(PARAGRAPHS[:paragraphs]) + "\n"


_BIDI_AND_FORMAT = {"Cf"}


def words(text: str) -> Counter[str]:
    """The words of ``text`` as the checks compare them.

    NFC; format characters (bidi marks that pdftotext adds, ZWJ) dropped;
    punctuation and symbols dropped; tokens that are only digits are left out
    (footnote markers may be re-numbered or drawn in Arabic-Indic digits).
    """
    out: Counter[str] = Counter()
    text = unicodedata.normalize("NFC", text)
    for token in text.split():
        kept = "".join(c for c in token if unicodedata.category(c)[0] in "LMN" and unicodedata.category(c) not in _BIDI_AND_FORMAT)
        if kept and not kept.isdigit():
            out[kept] += 1
    return out


def missing_words(expected: str, got: str, marks: bool = True) -> Counter[str]:
    """Words of ``expected`` that ``got`` lacks, with how many of each are missing (``marks=False``: compared without diacritics)."""
    if not marks:
        expected, got = strip_marks(expected), strip_marks(got)
    return words(expected) - words(got)


def strip_marks(text: str) -> str:
    """``text`` without combining marks and tatweel (compatibility-decomposed, so presentation forms become letters)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn" and c != "\u0640")


def letters(text: str) -> Counter[str]:
    """The base letters and digits of ``text``, counted: what survives any re-spacing or mark misplacement."""
    return Counter(c for c in strip_marks(text) if unicodedata.category(c)[0] in "LN")
