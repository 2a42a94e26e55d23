#!/usr/bin/env python3
"""List the English a Chinese user still reads on the suite's screens.

    python tools/zh_labels.py -d DB [--db_host H --db_port P --db_user U] [--all]

Loads zh_CN into the database inside a transaction that is rolled back
(nothing is changed), then prints, one line per label, the model, the view
type, the view's xml id, the place in the view and the English label of the
form, list, kanban and search views of the suite's models and of the OCA
models it extends or opens from its menus, and the menus and window titles
under After-Sales (aftersales_service/tests/zh_labels.py, the same scan as the
test TestZhLabels). Labels on i18n_src/zh_labels_allowlist.csv are marked;
--all prints every label, English or not. Exits 1 when a label is neither
Chinese nor allowed.
"""

import argparse
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true")
    args, odoo_args = parser.parse_known_args()

    import odoo
    from odoo.tools import config

    config.parse_config(odoo_args + ["--addons-path", ROOT])
    spec = importlib.util.spec_from_file_location(
        "zh_labels", os.path.join(ROOT, "aftersales_service", "tests", "zh_labels.py")
    )
    zh_labels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(zh_labels)
    allowlist = zh_labels.load_allowlist(
        os.path.join(ROOT, "i18n_src", "zh_labels_allowlist.csv")
    )
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        zh_labels.install_zh_cn(env)
        admin = env.ref("base.user_admin")
        labels = zh_labels.scan(env(user=admin, context={"lang": "zh_CN"}))
        shown = (
            labels if args.all else [x for x in labels if zh_labels.is_english(x.text)]
        )
        left = 0
        for label in sorted(set(shown)):
            row = (
                zh_labels.allowed(label, allowlist)
                if zh_labels.is_english(label.text)
                else None
            )
            mark = f"[allowed: {row['status']}] " if row else ""
            if zh_labels.is_english(label.text) and not row:
                left += 1
                mark = "[ENGLISH] "
            print(
                f"{mark}{label.model} {label.view_type} {label.view} "
                f"{label.where}: {label.text!r}"
            )
        print(f"{len(labels)} labels, {left} English and not allowed")
        cr.rollback()
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
