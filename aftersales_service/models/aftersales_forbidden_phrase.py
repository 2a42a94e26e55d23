# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unicodedata

from odoo import api, fields, models, tools


def normalize_phrase(text):
    """Casefold and drop spaces, punctuation and symbols, so that
    「你问我，我问谁」 matches "你问我, 我问谁?" and "Not my JOB!" matches
    "not my job"."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(
        ch
        for ch in text
        if not ch.isspace() and unicodedata.category(ch)[0] not in ("P", "S")
    )


class AftersalesForbiddenPhrase(models.Model):
    """Forbidden phrase (服务禁语) that must not be used towards customers."""

    _name = "aftersales.forbidden.phrase"
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
        help="A polite way to say it instead, shown to the agent."
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This forbidden phrase already exists."),
    ]

    @api.model
    def _find_in_text(self, text):
        """Return the first active phrase contained in ``text`` (or empty)."""
        normalized = normalize_phrase(tools.html2plaintext(text or ""))
        if not normalized:
            return self.browse()
        for phrase in self.search([]):
            key = normalize_phrase(phrase.name)
            if key and key in normalized:
                return phrase
        return self.browse()
