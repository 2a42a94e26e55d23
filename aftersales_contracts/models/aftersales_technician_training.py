# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTechnicianTraining(models.Model):
    """A training the maker gave a service point's technician
    (甲方负责为乙方培训维修技术人员): which product lines, when, by whom."""

    _name = "aftersales.technician.training"
    _description = "Technician Training"
    _order = "date desc, id desc"

    person_id = fields.Many2one(
        "fsm.person", string="Technician", required=True, index=True
    )
    service_point_id = fields.Many2one(
        "aftersales.service.point", string="Service Point", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Lines",
        required=True,
        help="Product categories the technician was trained on.",
    )
    trainer_id = fields.Many2one(
        "res.users",
        string="Trained By",
        required=True,
        default=lambda s: s.env.user,
    )
    topic = fields.Char()
    note = fields.Text()

    @api.depends("person_id", "date")
    def _compute_display_name(self):
        for training in self:
            training.display_name = (
                f"{training.person_id.name or ''} {training.date or ''}".strip()
            )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for training in self:
            if training.date and training.date > today:
                raise ValidationError(
                    self.env._(
                        "Training of %(person)s: the date %(date)s is in the future.",
                        person=training.person_id.name,
                        date=training.date,
                    )
                )


class FsmPerson(models.Model):
    _inherit = "fsm.person"

    aftersales_service_point_ids = fields.Many2many(
        "aftersales.service.point",
        "aftersales_service_point_person_rel",
        "person_id",
        "service_point_id",
        string="Service Points",
    )
    aftersales_training_ids = fields.One2many(
        "aftersales.technician.training", "person_id", string="Trainings"
    )
    aftersales_trained_categ_ids = fields.Many2many(
        "product.category",
        string="Trained Product Lines",
        compute="_compute_aftersales_trained_categ_ids",
    )

    @api.depends("aftersales_training_ids.categ_ids")
    def _compute_aftersales_trained_categ_ids(self):
        for person in self:
            person.aftersales_trained_categ_ids = (
                person.aftersales_training_ids.categ_ids
            )
