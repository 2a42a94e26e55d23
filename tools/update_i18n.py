#!/usr/bin/env python3
"""Regenerate i18n/<addon>.pot and update i18n/zh_CN.po for the suite's addons.

Run with the Python that imports Odoo 18, against a database where the three
addons are installed:

    python tools/update_i18n.py -d DB [--db_host H --db_port P --db_user U]
        [--add extra.po ...]

The .pot is exported by Odoo itself (odoo.tools.translate.trans_export). Each
zh_CN.po keeps its existing translations for the msgids still in the .pot, takes
new ones from the --add files (plain .po files of msgid/msgstr pairs), and lists
the msgids that still have no translation.
"""

import argparse
import io
import os
import sys

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ["aftersales_service", "aftersales_returns", "aftersales_contracts"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--add", action="append", default=[])
    parser.add_argument("--addons", default=",".join(ADDONS))
    parser.add_argument(
        "--harvest",
        action="store_true",
        help="fill still-missing strings from the zh_CN.po of installed modules "
        "(Odoo core and OCA), for generic labels such as 'Followers'",
    )
    args, odoo_args = parser.parse_known_args()

    import odoo
    from odoo.tools import config
    from odoo.tools.translate import trans_export

    config.parse_config(odoo_args + ["--addons-path", ROOT])
    extra = {}
    for path in args.add:
        for entry in polib.pofile(path):
            if entry.msgstr:
                extra.setdefault(entry.msgid, entry.msgstr)

    registry = odoo.modules.registry.Registry(config["db_name"])
    missing_total = 0
    with registry.cursor() as cr:
        harvested = {}
        if args.harvest:
            harvested = harvest(cr, set(args.addons.split(",")))
        for addon in args.addons.split(","):
            buf = io.BytesIO()
            trans_export(False, [addon], buf, "po", cr)
            i18n = os.path.join(ROOT, addon, "i18n")
            os.makedirs(i18n, exist_ok=True)
            pot_path = os.path.join(i18n, f"{addon}.pot")
            with open(pot_path, "wb") as f:
                f.write(buf.getvalue())
            pot = polib.pofile(pot_path)
            po_path = os.path.join(i18n, "zh_CN.po")
            old = {}
            if os.path.exists(po_path):
                old = {e.msgid: e.msgstr for e in polib.pofile(po_path) if e.msgstr}
            po = polib.POFile()
            po.metadata = dict(pot.metadata)
            po.metadata.update(
                {
                    "Language": "zh_CN",
                    "Language-Team": "Chinese (Simplified)",
                    "Plural-Forms": "nplurals=1; plural=0;",
                    "Content-Type": "text/plain; charset=UTF-8",
                }
            )
            missing = []
            for entry in pot:
                new = polib.POEntry(
                    msgid=entry.msgid,
                    msgstr=old.get(entry.msgid)
                    or extra.get(entry.msgid)
                    or harvested.get(entry.msgid, ""),
                    occurrences=entry.occurrences,
                    comment=entry.comment,
                    tcomment=entry.tcomment,
                    flags=entry.flags,
                    msgctxt=entry.msgctxt,
                )
                if not new.msgstr:
                    missing.append(entry.msgid)
                po.append(new)
            po.save(po_path)
            missing_total += len(missing)
            print(f"{addon}: {len(pot)} strings, {len(missing)} without zh_CN")
            for msgid in missing:
                print(f"  missing: {msgid!r}")
    return 1 if missing_total else 0


def harvest(cr, ours):
    """msgid -> zh_CN msgstr from the installed modules' own translations."""
    from odoo.modules.module import get_module_path

    cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
    found = {}
    for (name,) in cr.fetchall():
        if name in ours:
            continue
        path = get_module_path(name, display_warning=False)
        po_path = path and os.path.join(path, "i18n", "zh_CN.po")
        if po_path and os.path.exists(po_path):
            for entry in polib.pofile(po_path):
                if entry.msgstr and "fuzzy" not in entry.flags:
                    found.setdefault(entry.msgid, entry.msgstr)
    return found


if __name__ == "__main__":
    sys.exit(main())
