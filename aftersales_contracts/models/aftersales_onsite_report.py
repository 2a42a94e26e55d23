# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class AftersalesOnsiteReport(models.Model):
    """Monthly compliance of the service points: one row per dispatch order
    (cancelled ones left out), grouped by service point and month of the
    call. Sums count orders, on-time and late arrivals, repairs, callbacks
    and repeat repairs; averages give hours to site, the on-time rate, the
    callback rate (callbacks done / repairs completed, 回访量) against the
    agreement's target. Rates are empty on rows they do not apply to, so
    their average is the rate of the group."""

    _name = "aftersales.onsite.report"
    _description = "On-Site Compliance Analysis"
    _auto = False
    _order = "date desc"

    order_id = fields.Many2one("fsm.order", string="Order", readonly=True)
    service_point_id = fields.Many2one(
        "aftersales.service.point", string="Service Point", readonly=True
    )
    distributor_id = fields.Many2one("res.partner", string="Distributor", readonly=True)
    contract_id = fields.Many2one(
        "contract.contract", string="Agreement", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    visit_kind = fields.Selection(
        [
            ("repair", "Repair"),
            ("preventive", "Preventive Maintenance"),
            ("installation", "Installation and Commissioning"),
        ],
        string="Kind of Visit",
        readonly=True,
    )
    zone = fields.Selection(
        [("city", "City"), ("suburb", "Suburb / County"), ("remote", "Remote")],
        readonly=True,
    )
    lot_id = fields.Many2one("stock.lot", string="Serial Number", readonly=True)
    date = fields.Datetime(string="Called On", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    completed_count = fields.Integer(string="Completed", readonly=True)
    on_time_count = fields.Integer(string="On Time", readonly=True)
    late_count = fields.Integer(string="Late", readonly=True)
    on_time_rate = fields.Float(
        string="On-Time Rate (%)", readonly=True, aggregator="avg"
    )
    hours_to_site = fields.Float(
        string="Avg. Hours to Site", readonly=True, aggregator="avg"
    )
    repair_count = fields.Integer(string="Repairs Completed", readonly=True)
    callback_count = fields.Integer(string="Callbacks Done", readonly=True)
    callback_rate = fields.Float(
        string="Callback Rate (%)", readonly=True, aggregator="avg"
    )
    target_rate = fields.Float(
        string="Callback Target (%)", readonly=True, aggregator="avg"
    )
    repeat_count = fields.Integer(string="Repeat Repairs", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH repairs AS (
                    SELECT o.id,
                           COUNT(*) OVER (
                               PARTITION BY o.aftersales_lot_id,
                                   date_trunc('month', o.aftersales_finished_on)
                           ) AS same_serial
                      FROM fsm_order o
                     WHERE o.aftersales_visit_kind = 'repair'
                       AND o.aftersales_finished_on IS NOT NULL
                       AND o.aftersales_lot_id IS NOT NULL
                )
                SELECT o.id AS id,
                       o.id AS order_id,
                       o.aftersales_service_point_id AS service_point_id,
                       sp.distributor_id AS distributor_id,
                       c.id AS contract_id,
                       o.company_id AS company_id,
                       o.aftersales_visit_kind AS visit_kind,
                       o.aftersales_zone AS zone,
                       o.aftersales_lot_id AS lot_id,
                       o.aftersales_called_on AS date,
                       1 AS order_count,
                       CASE WHEN o.aftersales_finished_on IS NOT NULL
                            THEN 1 ELSE 0 END AS completed_count,
                       CASE WHEN o.aftersales_arrived_on IS NOT NULL
                             AND NOT COALESCE(o.aftersales_late, FALSE)
                            THEN 1 ELSE 0 END AS on_time_count,
                       CASE WHEN COALESCE(o.aftersales_late, FALSE)
                              OR (o.aftersales_arrived_on IS NULL
                                  AND o.aftersales_deadline
                                      < (NOW() AT TIME ZONE 'UTC'))
                            THEN 1 ELSE 0 END AS late_count,
                       CASE WHEN o.aftersales_arrived_on IS NOT NULL
                            THEN CASE WHEN COALESCE(o.aftersales_late, FALSE)
                                      THEN 0.0 ELSE 100.0 END
                       END AS on_time_rate,
                       CASE WHEN o.aftersales_arrived_on IS NOT NULL
                            THEN o.aftersales_hours_to_site END AS hours_to_site,
                       CASE WHEN o.aftersales_visit_kind = 'repair'
                             AND o.aftersales_finished_on IS NOT NULL
                            THEN 1 ELSE 0 END AS repair_count,
                       CASE WHEN o.aftersales_visit_kind = 'repair'
                             AND o.aftersales_finished_on IS NOT NULL
                             AND o.aftersales_callback_done
                            THEN 1 ELSE 0 END AS callback_count,
                       CASE WHEN o.aftersales_visit_kind = 'repair'
                             AND o.aftersales_finished_on IS NOT NULL
                            THEN CASE WHEN o.aftersales_callback_done
                                      THEN 100.0 ELSE 0.0 END
                       END AS callback_rate,
                       CASE WHEN o.aftersales_visit_kind = 'repair'
                             AND o.aftersales_finished_on IS NOT NULL
                            THEN COALESCE(c.aftersales_callback_target, 0.0)
                       END AS target_rate,
                       CASE WHEN r.same_serial > 1 THEN 1 ELSE 0 END
                           AS repeat_count
                  FROM fsm_order o
                  JOIN fsm_stage s ON s.id = o.stage_id
             LEFT JOIN aftersales_service_point sp
                       ON sp.id = o.aftersales_service_point_id
             LEFT JOIN contract_contract c
                       ON c.id = COALESCE(sp.contract_id, o.aftersales_agreement_id)
             LEFT JOIN repairs r ON r.id = o.id
                 WHERE o.aftersales_called_on IS NOT NULL
                   AND (o.aftersales_finished_on IS NOT NULL
                        OR NOT COALESCE(s.is_closed, FALSE))
            )
            """
        )

    def action_open_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "fsm.order",
            "res_id": self.order_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
