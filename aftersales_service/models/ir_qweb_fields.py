# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import posix_to_ldml
from odoo.tools.misc import babel_locale_parse


class DateTimeConverter(models.AbstractModel):
    """``hide_seconds`` for every language: Odoo drops ``:ss`` from the
    pattern, which leaves the seconds of a Chinese time (20时58分58秒). The
    language's own short time format (20时58分) is used instead."""

    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        if options.get("hide_seconds") and "format" not in options:
            lang = self.user_lang()
            if lang.short_time_format and not options.get("date_only"):
                pattern = lang.short_time_format
                if not options.get("time_only"):
                    pattern = f"{lang.date_format} {pattern}"
                options = dict(
                    options,
                    format=posix_to_ldml(pattern, locale=babel_locale_parse(lang.code)),
                )
        return super().value_to_html(value, options)
