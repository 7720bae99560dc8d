"""Write each addon's i18n/zh_CN.po from its .pot and scripts/zh_CN_terms.py.

Run after exporting the .pot files (odoo-bin --i18n-export); it fails when a
term has no translation, so every user-facing string gets its zh_CN.
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from zh_CN_terms import TERMS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main():
    missing = []
    for pot_path in sorted(ROOT.glob("*/i18n/*.pot")):
        addon = pot_path.parent.parent.name
        pot = polib.pofile(str(pot_path))
        po = polib.POFile()
        po.metadata = dict(pot.metadata)
        po.metadata.update({"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"})
        for entry in pot:
            if entry.msgid not in TERMS:
                missing.append(f"{addon}: {entry.msgid!r}")
                continue
            po.append(
                polib.POEntry(
                    msgid=entry.msgid,
                    msgstr=TERMS[entry.msgid],
                    occurrences=entry.occurrences,
                    comment=entry.comment,
                    tcomment=entry.tcomment,
                    flags=entry.flags,
                )
            )
        po.header = pot.header.replace("Translation of Odoo Server.", "Simplified Chinese")
        po.save(str(pot_path.parent / "zh_CN.po"))
    if missing:
        sys.exit("no zh_CN translation for:\n" + "\n".join(missing))


if __name__ == "__main__":
    main()
