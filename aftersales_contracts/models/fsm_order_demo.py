# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import file_open

_logger = logging.getLogger(__name__)


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    @api.model
    def _aftersales_demo_onsite(self):
        """Demo: the on-site story of the Hangzhou service point. Never
        breaks the installation."""
        try:
            with self.env.cr.savepoint():
                self._aftersales_demo_onsite_run()
        except Exception:  # demo only: keep the install going
            _logger.warning("On-site demo could not be created", exc_info=True)

    @api.model
    def _aftersales_demo_onsite_run(self):
        ref = self.env.ref
        tech = ref("aftersales_contracts.demo_onsite_user_chen")
        with file_open("aftersales_contracts/demo/demo_signature.png", "rb") as f:
            signature = base64.b64encode(f.read()).decode()
        now = fields.Datetime.now().replace(second=0)

        def dispatch(xmlid):
            ticket = ref(xmlid)
            return self.browse(ticket.aftersales_dispatch()), ticket

        def as_tech(order):
            return order.with_user(tech).sudo()

        def visit(order, arrived, finished, signer, lines=()):
            """Accept, check in, record the work and have the customer sign,
            then date the steps as they happened (data files are trusted)."""
            as_tech(order).action_aftersales_accept()
            as_tech(order).action_aftersales_check_in()
            as_tech(order).write(
                {
                    "resolution": "<p>清洗燃烧器，更换密封圈，"
                    "试机点火、出热水正常。</p>"
                }
            )
            for product_xmlid, qty in lines:
                self.env["aftersales.onsite.line"].create(
                    {
                        "order_id": order.id,
                        "product_id": ref(product_xmlid).id,
                        "quantity": qty,
                    }
                )
            as_tech(order)._aftersales_sign(signer, signature)
            as_tech(order).action_complete()
            start = order.aftersales_called_on
            order.write(
                {
                    "aftersales_accepted_on": start + timedelta(minutes=20),
                    "aftersales_arrived_on": arrived,
                    "date_start": arrived,
                    "aftersales_late": arrived > order.aftersales_deadline,
                    "aftersales_hours_to_site": (arrived - start).total_seconds()
                    / 3600.0,
                    "aftersales_finished_on": finished,
                    "date_end": finished,
                    "signed_on": finished,
                }
            )

        # 1. Mrs Lin, city: dispatched and accepted, the technician on his way
        order, _ticket = dispatch("aftersales_contracts.demo_onsite_ticket_lin")
        as_tech(order).action_aftersales_accept()
        self.env["aftersales.major.fault"].with_user(tech).sudo().create(
            {
                "fsm_order_id": order.id,
                "kind": "fault",
                "description": "用户反映同批次另一台热水器燃气阀附近有烧焦痕迹。",
            }
        )
        # 2. Mr Xu, county: on time, signed, called back satisfied
        order, ticket = dispatch("aftersales_contracts.demo_onsite_ticket_xu")
        start = order.aftersales_called_on
        visit(
            order,
            arrived=start + timedelta(hours=30),
            finished=start + timedelta(hours=31, minutes=30),
            signer="徐明",
            lines=[
                ("aftersales_contracts.demo_part_seal", 1),
                ("aftersales_contracts.demo_product_onsite_labour", 1),
            ],
        )
        ticket.action_close_confirmed()
        # the service point's technician makes the planned call (portal route)
        callbacks = self.env["aftersales.callback"].with_user(tech).sudo()
        callbacks._aftersales_onsite_callback(order).action_record(
            "satisfied",
            rating="5",
            note="维修后热水正常，一切满意。",
        )
        # 3. Ms Zhao, city: two hours late, signed, not called back yet
        order, ticket = dispatch("aftersales_contracts.demo_onsite_ticket_zhao")
        start = order.aftersales_called_on
        visit(
            order,
            arrived=start + timedelta(hours=26),
            finished=start + timedelta(hours=27),
            signer="赵丽",
            lines=[("aftersales_contracts.demo_product_onsite_labour", 1)],
        )
        ticket.action_close_confirmed()
        _logger.info("On-site demo ready (%s)", now)
