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

Some records are named by OCA Python code when they are created (rma's
operation types "RMA Receipts" / "RMA Delivery Orders" of each warehouse):
their translatable name gets the suite's Chinese for that code term when it
has none in the language yet.
"""

from odoo import api, models
from odoo.tools import OrderedSet
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter, code_translations

SUITE = ("aftersales_service", "aftersales_returns", "aftersales_contracts")
# records named by an OCA module's Python code term: {model: (field, terms)}
CODE_NAMED_RECORDS = {
    "stock.picking.type": ("name", ("RMA Receipts", "RMA Delivery Orders")),
}


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
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
        self._aftersales_translate_code_named_records(ours, langs)
        return res

    @api.model
    def _aftersales_translate_code_named_records(self, modules, langs):
        for model, (field, sources) in CODE_NAMED_RECORDS.items():
            if model not in self.env:
                continue
            records = (
                self.env[model]
                .with_context(active_test=False, lang="en_US")
                .search([(field, "in", list(sources))])
            )
            for lang in langs:
                terms = {}
                for module in modules:
                    terms.update(
                        code_translations.get_python_translations(module, lang)
                    )
                for record in records:
                    source = record.with_context(lang="en_US")[field]
                    current = record.with_context(lang=lang)[field]
                    if terms.get(source) and current == source:
                        record.with_context(lang=lang)[field] = terms[source]
