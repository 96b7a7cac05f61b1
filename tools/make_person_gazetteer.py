"""Regenerate ``resources/gazetteers/person_names.txt`` from arabnamer's name dictionary.

arabnamer (PyPI) ships 22,797 English → Arabic personal-name pairs under CC BY 4.0.
Qari keeps only the Arabic spellings, one per line.  Needed only at development time:

    python tools/make_person_gazetteer.py            # downloads the wheel with pip
    python tools/make_person_gazetteer.py WHEEL.whl  # or reads one you have
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "gazetteers" / "person_names.txt"
HEADER = """# Arabic spellings of personal names, from arabnamer 0.1.3's dictionary (dict_FINAL.json),
# (c) E. Yousef, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), https://github.com/sayedyousef/arabnamer
# Changes: only the Arabic values kept, de-duplicated and sorted. Regenerate: python tools/make_person_gazetteer.py
"""


def main() -> None:
    """Write the name list."""
    if len(sys.argv) > 1:
        wheel = Path(sys.argv[1])
    else:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "arabnamer==0.1.3", "-d", str(tmp)], check=True)
        wheel = next(tmp.glob("arabnamer-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        pairs = json.loads(zf.read("arabnamer/data/dict_FINAL.json"))
    names = sorted({v.strip() for v in pairs.values() if v and v.strip()})
    OUT.write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
