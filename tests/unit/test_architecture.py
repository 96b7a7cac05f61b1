"""Architecture rules: reader/core stays free of Qt; data files hold no pre-shaped Arabic."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib

from reader import __version__
from reader.core.normalize import has_presentation_forms
from tests.conftest import ROOT

QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qdarktheme", "qtpy")


def test_core_modules_do_not_import_qt() -> None:
    offenders = []
    for path in (ROOT / "reader" / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in QT_MODULES]
    assert offenders == []


def test_importing_core_loads_no_qt() -> None:
    code = (
        "import sys, reader.core.loaders, reader.core.entities, reader.core.search, reader.core.layout, reader.core.settings;"
        "reader.core.entities.analyse('زار الرئيس القاهرة');"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_no_presentation_forms_in_data() -> None:
    files = [p for d in ("resources", "seeds") for p in (ROOT / d).rglob("*") if p.suffix in {".txt", ".md", ".json", ".svg", ".desktop", ".xml", ".typ"}]
    assert files
    assert [p.name for p in files if has_presentation_forms(p.read_text(encoding="utf-8"))] == []


def test_version_matches_pyproject() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["version"] == __version__


def test_seed_is_the_users_article_unchanged() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        return  # only checkable beside the shared folder; CI has it
    for original in shared.glob("*.txt"):
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()
