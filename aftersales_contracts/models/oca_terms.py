# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""contract's Python code terms a user meets, in the user's language
(contract's own zh_CN lacks or garbles them; see
aftersales_service.tools.oca_terms)."""

from odoo import models

from odoo.addons.aftersales_service.tools import oca_term


class ContractContractOcaTerms(models.Model):
    _inherit = "contract.contract"

    def action_contract_send(self):
        """Window title "Compose Email" of Send by Email."""
        action = super().action_contract_send()
        if isinstance(action, dict):
            action["name"] = oca_term(self.env, "aftersales_contracts", "Compose Email")
        return action
