# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html

from odoo import api, fields, models, tools

from ..tools.text import normalize_text

# kept for the code that imported it from here
normalize_phrase = normalize_text


class AftersalesForbiddenPhrase(models.Model):
    """Forbidden phrase (服务禁语) that must not be used towards customers.

    Every message a customer can see on a record whose model opts in (see
    ``mail.thread._aftersales_forbidden_phrase_checked``) is checked against
    the active phrases, both sides normalised by
    :func:`~odoo.addons.aftersales_service.tools.text.normalize_text`.
    """

    _name = "aftersales.forbidden.phrase"
    _inherit = ["aftersales.cache.mixin"]
    _aftersales_cache_fields = frozenset({"name", "active"})
    _description = "Forbidden Phrase"
    _order = "lang, name"

    name = fields.Char(string="Phrase", required=True)
    active = fields.Boolean(default=True)
    lang = fields.Selection(
        [("zh", "Chinese"), ("en", "English"), ("other", "Other")],
        string="Language",
        help="Informative: phrases of every language are checked.",
    )
    suggestion = fields.Char(
        translate=True, help="A polite way to say it instead, shown to the agent."
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This forbidden phrase already exists."),
    ]

    @api.model
    @tools.ormcache()
    def _normalized_phrases(self):
        """(id, normalised phrase) of the active phrases, cached until a
        phrase changes: the check costs no query per message."""
        phrases = self.sudo().with_context(active_test=True).search([])
        return tuple(
            (phrase.id, key)
            for phrase in phrases
            if (key := normalize_text(phrase.name))
        )

    @api.model
    def _find_in_text(self, text):
        """Return the first active phrase contained in ``text`` (html or
        plain text), or an empty recordset."""
        # entities left in the text (an html body sent as plain text) count
        # as the characters they stand for
        normalized = normalize_text(html.unescape(tools.html2plaintext(text or "")))
        if not normalized:
            return self.browse()
        for phrase_id, key in self._normalized_phrases():
            if key in normalized:
                return self.browse(phrase_id)
        return self.browse()
