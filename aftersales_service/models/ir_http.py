# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal's scripts in the reader's language.

Without the website app, Odoo's portal pages carry no ``lang`` on their
``<html>`` (website sets it), so the portal's scripts ask for their
translations without a language and get none: the chatter's "Send",
"Write a message…", "Today" stay English for a Chinese customer. The page's
language is set in ``views/portal_layout_templates.xml``; here the chatter's
own module (mail) and the suite's addons join the modules whose script terms
the portal loads."""

from odoo import models
from odoo.osv import expression


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        return super()._get_translation_frontend_modules_name() + ["mail", "portal"]

    @classmethod
    def _get_translation_frontend_modules_domain(cls):
        ours = [("name", "=like", "aftersales\\_%")]
        theirs = super()._get_translation_frontend_modules_domain()
        return expression.OR([theirs, ours]) if theirs else ours
