"""The one place that knows where Qari's data files are.

Three layouts, one answer: a source checkout (``resources/`` and ``seeds/`` at the
repository root), an installed wheel and the frozen app (both carry them in
``reader/_data/``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def data_root() -> Path:
    """Folder holding ``resources/`` and ``seeds/``."""
    bundled = _PACKAGE / "_data"
    if (bundled / "resources").is_dir():
        return bundled
    return _PACKAGE.parent


def resource(*parts: str) -> Path:
    """Path of a file under ``resources/``."""
    return data_root().joinpath("resources", *parts)


def seed_article() -> Path:
    """The sample article opened when Qari starts with no file."""
    seeds = sorted((data_root() / "seeds").glob("*.txt"))
    if not seeds:
        raise FileNotFoundError("the sample article is missing from this installation")
    return seeds[0]


def font_dir() -> Path:
    """The folder of the bundled Arabic font (Amiri, OFL, from the ``fontpkg-amiri`` package)."""
    import fontpkg_amiri

    return Path(fontpkg_amiri.ROOT, "files")


def read_list(*parts: str) -> list[str]:
    """Non-empty, non-comment lines of a text resource."""
    lines = resource(*parts).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
