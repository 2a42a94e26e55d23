# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chinese in PDFs with the Chinese forms of a CJK font.

The company's report font (Lato by default) has no Chinese glyphs; for them
wkhtmltopdf's Qt falls back to the first CJK font fontconfig lists, Noto Sans
CJK JP, whose glyph forms are Japanese (直, 骨, 角... differ). Naming the
Simplified Chinese font after the company's font in the company report style
makes the engine take Chinese characters from it, Latin ones still from the
company's font. fonts-noto-cjk provides it (the official odoo:18.0 image
installs it). The style is an attachment Odoo regenerates when a company's
report layout changes; report/report_cjk_font.xml regenerates it on install
and upgrade.
"""

import base64

from odoo import models

CJK_SC_FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", '
    '"Source Han Sans CN", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif'
)


class ResCompanyReportCjk(models.Model):
    _inherit = "res.company"

    def _get_asset_style_b64(self):
        styles = base64.b64decode(super()._get_asset_style_b64()).decode()
        rules = "".join(
            f".o_company_{company.id}_layout "
            f"{{ font-family: {company.font or 'Lato'}, {CJK_SC_FONTS}; }}\n"
            for company in self.sudo().search([])
        )
        return base64.b64encode((styles + "\n" + rules).encode())
