# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

DOCUMENT_MIMETYPES = ("application/pdf",)


class AftersalesRmaEvidenceKind(models.Model):
    """A kind of evidence a return reason may require (photos, a test
    report...). Admins add kinds without code."""

    _name = "aftersales.rma.evidence.kind"
    _description = "Return Evidence Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical key, e.g. photo or test_report.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    image_only = fields.Boolean(
        string="Images Only",
        help="Only pictures are accepted; otherwise pictures and PDF documents.",
    )
    description = fields.Char(
        translate=True, help="Shown to the customer next to the upload field."
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "An evidence kind code is used once."),
    ]

    def _aftersales_allowed(self, mimetype):
        self.ensure_one()
        if mimetype.startswith("image/"):
            return True
        return not self.image_only and mimetype in DOCUMENT_MIMETYPES


class AftersalesRmaEvidence(models.Model):
    """A piece of evidence attached to a return (photos, statements...)."""

    _name = "aftersales.rma.evidence"
    _description = "Return Evidence"
    _order = "rma_id, id"

    rma_id = fields.Many2one("rma", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="rma_id.company_id", store=True)
    partner_id = fields.Many2one(related="rma_id.partner_id", store=True)
    kind_id = fields.Many2one(
        "aftersales.rma.evidence.kind",
        string="Kind",
        required=True,
        ondelete="restrict",
        index=True,
        help="Photos of product and package, the courier's statement, "
        "a screenshot of the listing, or a test report.",
    )
    name = fields.Char(string="Description")
    file = fields.Binary(attachment=True, required=True)
    file_name = fields.Char()

    # ------------------------------------------------------------------
    # Checking a file (portal and back office alike)
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_check_upload(self, kind, content, filename, company=None):
        """Refuse an empty, too large or wrongly typed file with a message
        naming it. ``content`` is raw bytes."""
        company = company or self.env.company
        name = filename or _("unnamed file")
        if not content:
            raise ValidationError(_("%s is empty.", name))
        limit_mb = company.aftersales_evidence_max_mb or 10
        if len(content) > limit_mb * 1024 * 1024:
            raise ValidationError(
                _(
                    "%(file)s is larger than %(limit)s MB.",
                    file=name,
                    limit=limit_mb,
                )
            )
        mimetype = guess_mimetype(content, default="application/octet-stream")
        if not kind._aftersales_allowed(mimetype):
            if kind.image_only:
                raise ValidationError(
                    _(
                        "%(file)s is not a picture (%(kind)s).",
                        file=name,
                        kind=kind.name,
                    )
                )
            raise ValidationError(
                _(
                    "%(file)s is neither a picture nor a PDF document (%(kind)s).",
                    file=name,
                    kind=kind.name,
                )
            )
        return True

    @api.constrains("file", "kind_id")
    def _check_aftersales_file(self):
        for evidence in self:
            try:
                content = base64.b64decode(evidence.file or b"", validate=True)
            except (binascii.Error, ValueError):
                content = b""
            self._aftersales_check_upload(
                evidence.kind_id,
                content,
                evidence.file_name or evidence.name,
                evidence.rma_id.company_id,
            )

    # ------------------------------------------------------------------
    # Evidence of a confirmed return is kept as it was
    # ------------------------------------------------------------------
    def _aftersales_check_editable(self):
        locked = self.filtered(lambda e: e.rma_id.state != "draft")
        if locked:
            raise UserError(
                _(
                    "The evidence of %s cannot be changed or removed: the return "
                    "is no longer a draft. Add new evidence instead.",
                    ", ".join(locked.rma_id.mapped("display_name")),
                )
            )

    def write(self, vals):
        self._aftersales_check_editable()
        return super().write(vals)

    def unlink(self):
        self._aftersales_check_editable()
        return super().unlink()
