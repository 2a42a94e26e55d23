# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's translations of OCA terms win over the OCA module's own.

Each suite addon ships, in i18n_extra/, the zh_CN of the OCA modules it builds
on (tools/oca_i18n.py). Odoo loads those files with the module, but keeps any
translation already in the database: where the OCA module ships its own zh_CN
(contract: 142 strings, several wrong or fuzzy, e.g. "Recurrence" as 重新发起),
that one would stay when the modules are installed into a Chinese database.
After the usual loading, the suite's i18n_extra files are loaded once more with
overwrite, so the terms of the glossary are the ones users read. Records the
OCA module marks noupdate keep their existing translations (Odoo's rule).
"""

from odoo import api, models
from odoo.tools import OrderedSet
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter

SUITE = ("aftersales_service", "aftersales_returns", "aftersales_contracts")


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        ours = [m for m in modules if m in SUITE]
        langs = [lang for lang in langs if lang != "en_US"]
        if not ours or not langs:
            return res
        importer = TranslationImporter(self.env.cr, verbose=False)
        for module in ours:
            for lang in langs:
                for name in OrderedSet([lang.split("_")[0], lang]):
                    try:
                        path = file_path(f"{module}/i18n_extra/{name}.po")
                    except FileNotFoundError:
                        continue
                    importer.load_file(path, lang)
        importer.save(overwrite=True)
        return res
