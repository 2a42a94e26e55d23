#!/usr/bin/env python3
"""Refresh the zh_CN translations the suite ships for the OCA addons it builds on.

helpdesk_mgmt has no zh_CN, rma has 5 strings, contract a partly wrong one: the
suite carries the Chinese of every OCA term its users meet in the i18n_extra
folder of the suite addon that depends on that OCA module:

    aftersales_service/i18n_extra/zh_CN.po    helpdesk_mgmt, product_warranty
    aftersales_returns/i18n_extra/zh_CN.po    rma, rma_sale, rma_reason, rma_lot,
                                              rma_sale_lot
    aftersales_contracts/i18n_extra/zh_CN.po  contract, fieldservice, base_territory,
                                              helpdesk_mgmt_fieldservice

Odoo loads i18n/ and i18n_extra/ of a module (odoo.tools.translate.get_po_paths)
and resolves `model:` / `model_terms:` entries by their xml id, whichever module
owns the record; JavaScript terms are global in the web client. Python code
terms are looked up in the owning module's own folder at run time: they are
kept in the file too (translated), for the suite's overrides that read them
(aftersales_service.tools.oca_term) and as the list of the known gap.

Run with the Python that imports Odoo 18, against a database where the OCA
modules are installed (modules that are not installed are read from their
shipped i18n/<module>.pot):

    python tools/oca_i18n.py -d DB [--db_host H --db_port P --db_user U]
        [--add extra.po ...] [--harvest] [--check]

The exported terms replace the file's msgids; existing translations are kept,
new ones come from the --add files (msgid/msgstr pairs, e.g.
i18n_src/oca_zh.po) and, with --harvest, from the zh_CN.po of Odoo's own
modules (generic labels such as 'Followers'). It prints, per OCA module, how
many terms it has and how many are still without Chinese (and lists them);
--check writes nothing and exits 1 when a file is not current or incomplete.
"""

import argparse
import collections
import io
import os
import sys

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = {
    "aftersales_service": ["helpdesk_mgmt", "product_warranty"],
    "aftersales_returns": ["rma", "rma_sale", "rma_reason", "rma_lot", "rma_sale_lot"],
    "aftersales_contracts": [
        "contract",
        "fieldservice",
        "base_territory",
        "helpdesk_mgmt_fieldservice",
    ],
}
SUITE = set(TARGETS)
OCA = {m for mods in TARGETS.values() for m in mods}


def entry_modules(entry):
    """The modules named by an exported entry's '#. module(s): ...' comment."""
    for line in entry.comment.splitlines():
        if line.startswith(("module:", "modules:")):
            return [m.strip() for m in line.split(":", 1)[1].split(",")]
    return []


def is_python(entry):
    return "odoo-python" in entry.comment


def is_javascript(entry):
    return "odoo-javascript" in entry.comment


def export_terms(cr, modules):
    """One POFile of the modules' terms: exported by Odoo for the installed
    modules, read from the shipped .pot for the others."""
    from odoo.modules.module import get_module_path
    from odoo.tools.translate import trans_export

    cr.execute(
        "SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
        [tuple(modules)],
    )
    found = {r[0] for r in cr.fetchall()}
    installed = [m for m in modules if m in found]
    pot = polib.POFile()
    if installed:
        buf = io.BytesIO()
        trans_export(False, installed, buf, "po", cr)
        pot = polib.pofile(buf.getvalue().decode())
    by_id = {e.msgid: e for e in pot}
    for module in modules:
        if module in installed:
            continue
        path = get_module_path(module, display_warning=False)
        pot_path = path and os.path.join(path, "i18n", f"{module}.pot")
        if not pot_path or not os.path.exists(pot_path):
            print(f"  {module}: not installed and no .pot found, skipped")
            continue
        print(f"  {module}: not installed, terms from {pot_path}")
        for entry in polib.pofile(pot_path):
            if entry.obsolete:
                continue
            known = by_id.get(entry.msgid)
            if known is None:
                by_id[entry.msgid] = entry
                pot.append(entry)
                continue
            mods = entry_modules(known)
            if module not in mods:
                mods.append(module)
                other = [
                    c
                    for c in known.comment.splitlines()
                    if not c.startswith(("module:", "modules:"))
                ]
                known.comment = "\n".join(["modules: " + ", ".join(mods)] + other)
            known.occurrences.extend(
                o for o in entry.occurrences if o not in known.occurrences
            )
    return pot, installed


def harvest(cr, exclude):
    """msgid -> the zh_CN msgstr most of Odoo's installed modules use."""
    from odoo.modules.module import get_module_path

    cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
    votes = collections.defaultdict(collections.Counter)
    for (name,) in cr.fetchall():
        if name in exclude:
            continue
        path = get_module_path(name, display_warning=False)
        po_path = path and os.path.join(path, "i18n", "zh_CN.po")
        if po_path and os.path.exists(po_path):
            for entry in polib.pofile(po_path):
                if entry.msgstr and "fuzzy" not in entry.flags and not entry.obsolete:
                    votes[entry.msgid][entry.msgstr] += 1
    return {msgid: c.most_common(1)[0][0] for msgid, c in votes.items()}


def read_pairs(paths):
    pairs = {}
    for path in paths:
        for entry in polib.pofile(path):
            if entry.msgstr and not entry.obsolete:
                pairs.setdefault(entry.msgid, entry.msgstr)
    return pairs


def build(pot, old, extra, harvested):
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "After-Sales Suite: zh_CN of the OCA addons it uses",
        "Language": "zh_CN",
        "Language-Team": "Chinese (Simplified)",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for entry in sorted(pot, key=lambda e: (entry_modules(e)[:1], e.msgid)):
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=old.get(entry.msgid)
                or extra.get(entry.msgid)
                or harvested.get(entry.msgid, ""),
                occurrences=entry.occurrences,
                comment=entry.comment,
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
        )
    return po


def report(addon, po, modules, verbose):
    missing_total = 0
    for module in modules:
        entries = [e for e in po if module in entry_modules(e)]
        missing = [e for e in entries if not e.msgstr]
        code_py = sum(1 for e in entries if is_python(e))
        code_js = sum(1 for e in entries if is_javascript(e))
        print(
            f"{addon}/i18n_extra: {module}: {len(entries)} terms "
            f"({code_py} Python, {code_js} JavaScript), {len(missing)} without zh_CN"
        )
        missing_total += len(missing)
        if verbose:
            for entry in missing:
                print(f"  missing: {entry.msgid!r}")
    return missing_total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--add", action="append", default=[])
    parser.add_argument("--addons", default=",".join(TARGETS))
    parser.add_argument("--harvest", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    args, odoo_args = parser.parse_known_args()

    import odoo
    from odoo.tools import config

    config.parse_config(odoo_args + ["--addons-path", ROOT])
    extra = read_pairs(args.add)
    registry = odoo.modules.registry.Registry(config["db_name"])
    failed = 0
    with registry.cursor() as cr:
        harvested = harvest(cr, SUITE | OCA) if args.harvest else {}
        for addon in args.addons.split(","):
            modules = TARGETS[addon]
            pot, _installed = export_terms(cr, modules)
            path = os.path.join(ROOT, addon, "i18n_extra", "zh_CN.po")
            old = {}
            if os.path.exists(path):
                current = polib.pofile(path)
                old = {e.msgid: e.msgstr for e in current if e.msgstr}
                if args.check:
                    stale = sorted({e.msgid for e in current} - {e.msgid for e in pot})
                    new = sorted({e.msgid for e in pot} - {e.msgid for e in current})
                    for msgid in new:
                        print(f"  new in the OCA modules: {msgid!r}")
                    for msgid in stale:
                        print(f"  no longer in the OCA modules: {msgid!r}")
                    failed += len(new) + len(stale)
            elif args.check:
                print(f"{path} does not exist")
                failed += 1
            po = build(pot, old, extra, harvested)
            failed += report(addon, po, modules, not args.quiet)
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                po.save(path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
