# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every addon of the suite is complete as an OCA addon, and every term it
shows has its Simplified Chinese translation."""

import ast
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = [
    "order_review",
    "order_production_plan",
    "order_exception",
    "order_aftersales",
    "order_kpi_report",
]


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text().split("\n", 2)[2])


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    meta = manifest(addon)
    assert meta["version"] == "18.0.1.0.0"
    assert meta["license"] == "LGPL-3"
    assert meta["author"] == "Order Management Suite contributors"
    for key in ("name", "summary", "category", "website", "depends", "data"):
        assert meta.get(key), key
    for path in meta["data"] + meta.get("demo", []):
        assert (ROOT / addon / path).is_file(), path


@pytest.mark.parametrize("addon", ADDONS)
def test_description_and_readme(addon):
    for path in (
        "static/description/icon.png",
        "static/description/index.html",
        "README.rst",
        "readme/DESCRIPTION.md",
    ):
        assert (ROOT / addon / path).is_file(), path


@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_has_zh_cn(addon):
    pot = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
    po = polib.pofile(str(ROOT / addon / "i18n" / "zh_CN.po"))
    translated = {entry.msgid: entry.msgstr for entry in po}
    assert len(pot) > 0
    untranslated = [e.msgid for e in pot if not translated.get(e.msgid)]
    assert not untranslated


def test_suite_depends_on_order_review():
    """One deadline engine: every addon reaches order_review."""
    graph = {addon: manifest(addon)["depends"] for addon in ADDONS}

    def reaches(addon):
        return addon == "order_review" or any(
            reaches(dep) for dep in graph.get(addon, []) if dep in graph
        )

    assert all(reaches(addon) for addon in ADDONS)
