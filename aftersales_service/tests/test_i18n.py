# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools.translate import TranslationImporter, trans_export

SUITE = ("aftersales_service", "aftersales_returns", "aftersales_contracts")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """The .pot files are current and zh_CN covers every string."""

    def _installed(self):
        return (
            self.env["ir.module.module"]
            .search([("name", "in", SUITE), ("state", "=", "installed")])
            .mapped("name")
        )

    def test_pot_is_current(self):
        for addon in self._installed():
            buf = io.BytesIO()
            trans_export(False, [addon], buf, "po", self.env.cr)
            exported = {e.msgid for e in polib.pofile(buf.getvalue().decode())}
            path = os.path.join(get_module_path(addon), "i18n", f"{addon}.pot")
            committed = {e.msgid for e in polib.pofile(path)}
            self.assertEqual(
                sorted(exported - committed),
                [],
                f"{addon}.pot lacks strings: run tools/update_i18n.py",
            )
            if self.env.ref("base.user_demo", raise_if_not_found=False):
                # the .pot is exported from a database with the demo data
                self.assertEqual(
                    sorted(committed - exported),
                    [],
                    f"{addon}.pot has stale strings: run tools/update_i18n.py",
                )

    def test_zh_cn_complete(self):
        for addon in self._installed():
            path = os.path.join(get_module_path(addon), "i18n", "zh_CN.po")
            untranslated = [e.msgid for e in polib.pofile(path) if not e.msgstr]
            self.assertEqual(untranslated, [], f"{addon}/i18n/zh_CN.po")

    def test_zh_cn_menu(self):
        """A Chinese user finds the app under its Chinese name."""
        self.env["res.lang"]._activate_lang("zh_CN")
        importer = TranslationImporter(self.env.cr)
        path = os.path.join(get_module_path("aftersales_service"), "i18n", "zh_CN.po")
        importer.load_file(path, "zh_CN")
        importer.save(overwrite=True)
        menu = self.env.ref("aftersales_service.menu_aftersales_root")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "售后")
