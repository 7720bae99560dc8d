"""Check the translations of every addon: i18n/zh_CN.po against i18n/<addon>.pot.

    python scripts/i18n_check.py                 the .po files against the committed .pot
    python scripts/i18n_check.py --exported DIR  first: is each committed .pot the same as
                                                 DIR/<addon>.pot (a fresh export), header
                                                 dates aside?
    python scripts/i18n_check.py --report        list what is left to translate, never fail

Fails (exit 1) on a stale .pot, a msgid of the .pot missing from zh_CN.po, an
entry untranslated or fuzzy, an entry the .pot no longer has (or an obsolete
``#~`` one), and a translation whose placeholders (%(name)s, %s) differ from
its msgid's. `bash scripts/suite.sh i18n` fixes all but the translating itself.
"""

import argparse
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANG = "zh_CN"
FIX = "bash scripts/suite.sh i18n"
# header fields that change on every export: never compared
DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.M)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]")


def addons():
    return sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


def strip_dates(text):
    return DATE_LINE.sub("", text)


def show(msgid, width=160):
    text = msgid.replace("\n", "\\n")
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def check_pot(addon, exported_dir):
    """[problems] when the committed .pot differs from a fresh export."""
    committed = ROOT / addon / "i18n" / f"{addon}.pot"
    fresh = exported_dir / f"{addon}.pot"
    if not fresh.exists():
        return [f"{fresh}: no export (is {addon} installed in the database?)"]
    if not committed.exists():
        return [f"{committed.relative_to(ROOT)}: missing"]
    if strip_dates(committed.read_text()) == strip_dates(fresh.read_text()):
        return []
    old = {e.msgid: e for e in polib.pofile(str(committed))}
    new = {e.msgid: e for e in polib.pofile(str(fresh))}
    lines = [f"{committed.relative_to(ROOT)} is stale (the code has changed):"]
    lines += [f"    new term:     {show(m)}" for m in sorted(new.keys() - old.keys())]
    lines += [f"    gone term:    {show(m)}" for m in sorted(old.keys() - new.keys())]
    moved = [
        m
        for m in sorted(new.keys() & old.keys())
        if (new[m].occurrences, new[m].comment) != (old[m].occurrences, old[m].comment)
    ]
    lines += [f"    moved/reused: {show(m)}" for m in moved]
    if len(lines) == 1:
        lines.append("    (same terms, different layout: was it written by hand?)")
    return lines


def check_po(addon):
    """[problems] of zh_CN.po against the committed .pot."""
    i18n = ROOT / addon / "i18n"
    pot_path, po_path = i18n / f"{addon}.pot", i18n / f"{LANG}.po"
    if not pot_path.exists():
        return [f"{pot_path.relative_to(ROOT)}: missing"]
    if not po_path.exists():
        return [f"{po_path.relative_to(ROOT)}: missing"]
    try:
        pot = polib.pofile(str(pot_path))
        po = polib.pofile(str(po_path))
    except (OSError, ValueError) as exc:
        return [f"{po_path.relative_to(ROOT)}: cannot be read: {exc}"]
    pot_ids = {e.msgid for e in pot if not e.obsolete}
    entries = {e.msgid: e for e in po if not e.obsolete}
    todo = [("missing", m) for m in sorted(pot_ids - entries.keys())]
    for msgid, entry in entries.items():
        if msgid not in pot_ids:
            todo.append(("stale", msgid))
        elif "fuzzy" in entry.flags:
            todo.append(("fuzzy", msgid))
        elif not entry.msgstr.strip():
            todo.append(("untranslated", msgid))
        elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            todo.append(("placeholders", msgid))
    todo += [("obsolete", e.msgid) for e in po if e.obsolete]
    if not todo:
        return []
    explain = {
        "missing": "msgid of the .pot missing from the .po",
        "untranslated": "untranslated",
        "fuzzy": "fuzzy (check the translation, then remove the fuzzy flag)",
        "placeholders": "placeholders differ from the msgid's",
        "stale": "not in the .pot any more",
        "obsolete": "obsolete (#~) entry",
    }
    lines = [f"{po_path.relative_to(ROOT)}: {len(todo)} entries to fix:"]
    lines += [f"    {explain[kind]}: {show(msgid)}" for kind, msgid in todo]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--exported", type=Path, help="folder of freshly exported .pot files")
    parser.add_argument("--report", action="store_true", help="list, never fail")
    parser.add_argument("addons", nargs="*", help="default: every addon of the suite")
    args = parser.parse_args()
    names = args.addons or addons()
    problems = []
    if args.exported:
        for addon in names:
            problems += check_pot(addon, args.exported)
    for addon in names:
        problems += check_po(addon)
    if not problems:
        fresh = "the .pot files match a fresh export, " if args.exported else ""
        print(f"i18n ({', '.join(names)}): {fresh}every {LANG}.po entry translated")
        return 0
    print("\n".join(problems), file=sys.stderr)
    if args.report:
        print(f"i18n: translate the entries above in the {LANG}.po files", file=sys.stderr)
        return 0
    print(
        f"\ni18n check failed. Fix: `{FIX}` (exports the .pot files with Odoo and merges them "
        f"into the {LANG}.po files), then translate the untranslated entries of the "
        f"{LANG}.po files and remove any fuzzy flag.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
