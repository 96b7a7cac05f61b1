"""The paper Qari typesets on when the print settings say "from the locale"."""

from __future__ import annotations

import pytest

from reader.pdf.source import default_paper


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "us-letter"),
        ({"LANG": "es_MX.UTF-8"}, "us-letter"),
        ({"LANG": "ar_EG.UTF-8"}, "a4"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "C.UTF-8"}, "a4"),  # no country (Python's getlocale() would say en_US)
        ({"LANG": "POSIX"}, "a4"),
        ({"LANG": "fr_CA.UTF-8@euro"}, "us-letter"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "a4"),  # LC_PAPER before LANG
        ({"LC_PAPER": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "us-letter"),  # LC_ALL before both
        ({"LANG": "", "LC_PAPER": "en_PH.UTF-8"}, "us-letter"),
    ],
)
def test_paper_from_the_locale(environ: dict[str, str], paper: str) -> None:
    assert default_paper(environ) == paper


def test_no_locale_variables_fall_back_to_the_c_library(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    monkeypatch.setattr(locale, "setlocale", lambda _category, _name=None: "en_CA.UTF-8")
    assert default_paper({}) == "us-letter"
    monkeypatch.setattr(locale, "setlocale", lambda _category, _name=None: "C.UTF-8")
    assert default_paper({}) == "a4"
