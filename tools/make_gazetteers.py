"""Regenerate ``resources/gazetteers/cldr_places.txt`` from Babel's CLDR data.

Babel is needed only here, at development time; Qari ships the text file.
Run: ``python tools/make_gazetteers.py``.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale

OUT = Path(__file__).resolve().parent.parent / "resources" / "gazetteers" / "cldr_places.txt"


def main() -> None:
    """Write country, region and city names in Arabic, one per line, sorted."""
    ar = Locale("ar")
    names = set(ar.territories.values())
    for zone in ar.time_zones.values():
        city = zone.get("city")
        if city:
            names.add(city)
    names = {n.strip() for n in names if n and "(" not in n and len(n) > 1}
    header = "# Arabic place names from Unicode CLDR (via Babel " + __import__("babel").__version__ + "), Unicode licence.\n"
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
