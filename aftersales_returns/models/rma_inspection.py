# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Receipt inspection (退货检测、入库) and the moves it decides.

The inspection records the facts; a condition the reason requires and the
inspection did not find (invoice returned, outer package intact, accessories
and gifts complete) follows the reason's policy before any credit note or
replacement: refused and sent back, accepted with a fee, or held for a
manager's written decision. Goods leave the return location in their own
transfers: back to stock or quarantine (internal transfers), scrap (a scrap
order) or send back (the return delivery of OCA rma).
"""

from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import UserError

from .rma_selections import (
    CONDITION_GRADES,
    INSPECTION_CONDITIONS,
    INSPECTION_OUTCOMES,
    INSPECTION_RESULTS,
)

# A free re-send may leave before the damaged unit comes back.
INSPECTABLE_STATES = ("confirmed", "received", "waiting_replacement")


class Rma(models.Model):
    _inherit = "rma"

    aftersales_inspection_state = fields.Selection(
        [("pending", "To Inspect"), ("done", "Inspected")],
        string="Inspection",
        copy=False,
        index=True,
    )
    aftersales_inspection_result = fields.Selection(
        INSPECTION_RESULTS,
        string="Inspection Result",
        copy=False,
        tracking=True,
        help="Where the inspector sends the goods once the return is accepted.",
    )
    aftersales_condition_grade = fields.Selection(
        CONDITION_GRADES, string="Condition Grade", copy=False
    )
    aftersales_invoice_returned = fields.Boolean(string="Invoice Returned", copy=False)
    aftersales_package_intact = fields.Boolean(
        string="Outer Package Intact", copy=False
    )
    aftersales_accessories_complete = fields.Boolean(
        string="Accessories and Gifts Complete", copy=False
    )
    aftersales_inspection_note = fields.Text(string="Inspection Note", copy=False)
    aftersales_inspected_by_id = fields.Many2one(
        "res.users", string="Inspected By", readonly=True, copy=False
    )
    aftersales_inspected_date = fields.Datetime(
        string="Inspected On", readonly=True, copy=False
    )
    aftersales_inspection_failed = fields.Json(
        string="Failed Receipt Checks",
        readonly=True,
        copy=False,
        help="Codes of the receipt conditions the reason requires and the "
        "inspection did not find.",
    )
    aftersales_inspection_failed_text = fields.Char(
        string="Conditions Not Met", compute="_compute_aftersales_inspection_failed"
    )
    aftersales_inspection_outcome = fields.Selection(
        INSPECTION_OUTCOMES,
        string="Inspection Outcome",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    aftersales_after_picking_id = fields.Many2one(
        "stock.picking",
        string="Transfer After Inspection",
        readonly=True,
        copy=False,
        help="The internal transfer taking the goods from the return location "
        "back to stock or to quarantine.",
    )
    aftersales_scrap_id = fields.Many2one(
        "stock.scrap", string="Scrap Order", readonly=True, copy=False
    )
    can_aftersales_inspect = fields.Boolean(compute="_compute_can_aftersales_inspect")

    @api.model
    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {
            "aftersales_inspection_state",
            "aftersales_inspection_result",
            "aftersales_condition_grade",
            "aftersales_invoice_returned",
            "aftersales_package_intact",
            "aftersales_accessories_complete",
            "aftersales_inspection_note",
            "aftersales_inspected_by_id",
            "aftersales_inspected_date",
            "aftersales_inspection_failed",
            "aftersales_inspection_outcome",
            "aftersales_after_picking_id",
            "aftersales_scrap_id",
        }

    @api.depends_context("uid")
    @api.depends("state", "aftersales_inspection_state", "reception_move_id.state")
    def _compute_can_aftersales_inspect(self):
        is_stock = self.env.user.has_group("stock.group_stock_user")
        for rma in self:
            rma.can_aftersales_inspect = (
                is_stock
                and rma.state in INSPECTABLE_STATES
                and rma.aftersales_inspection_state == "pending"
                and bool(rma.reception_move_id)
            )

    @api.depends("aftersales_inspection_failed")
    @api.depends_context("lang")
    def _compute_aftersales_inspection_failed(self):
        labels = self._aftersales_condition_labels()
        for rma in self:
            failed = rma.aftersales_inspection_failed or []
            rma.aftersales_inspection_failed_text = ", ".join(
                labels.get(code, code) for code in failed
            )

    def _aftersales_condition_labels(self):
        return {
            code: self._fields[fname]._description_string(self.env)
            for code, fname, _flag in INSPECTION_CONDITIONS
        }

    # ------------------------------------------------------------------
    # Recording the inspection
    # ------------------------------------------------------------------
    def action_aftersales_inspect(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_returns.aftersales_rma_inspection_action"
        )
        action["context"] = {"default_rma_id": self.id}
        return action

    def _aftersales_failed_conditions(self):
        """Codes of the conditions the reason requires and are not met."""
        self.ensure_one()
        reason = self.reason_id
        return [
            code
            for code, fname, flag in INSPECTION_CONDITIONS
            if (not reason or reason[flag]) and not self[fname]
        ]

    def _aftersales_outcome_of_inspection(self):
        """accepted, fee, decision or refused: what the policy makes of it."""
        self.ensure_one()
        if self.aftersales_inspection_result == "reject":
            return "refused"
        if not self._aftersales_failed_conditions():
            return "accepted"
        policy = self.reason_id.aftersales_inspection_policy or "decision"
        if policy == "refuse":
            return "refused"
        if policy == "fee":
            # A fee is kept on a credit note; anything else needs a manager.
            return "fee" if self._aftersales_remedy() == "refund" else "decision"
        return "decision"

    def _aftersales_apply_inspection(self, vals):
        """Record an inspection and let its outcome drive the return.

        Called by the inspection wizard once it checked the user is warehouse
        staff, with system rights but as that user (the chatter names them).
        The RMA row is locked so only one inspection applies.
        """
        self = self._aftersales_lock()  # noqa: PLW0642
        for rma in self:
            if rma.aftersales_inspection_state == "done":
                raise UserError(_("%s has already been inspected.", rma.display_name))
            if rma.state not in INSPECTABLE_STATES:
                raise UserError(
                    _(
                        "%s cannot be inspected in its current state.",
                        rma.display_name,
                    )
                )
        self._aftersales_action_write(
            dict(
                vals,
                aftersales_inspection_state="done",
                aftersales_inspected_by_id=self.env.uid,
                aftersales_inspected_date=fields.Datetime.now(),
            )
        )
        self._aftersales_validate_receipts()
        # one write per distinct outcome, not per return
        for (outcome, failed), rmas in self.grouped(
            lambda r: (
                r._aftersales_outcome_of_inspection(),
                tuple(r._aftersales_failed_conditions()),
            )
        ).items():
            rmas._aftersales_action_write(
                {
                    "aftersales_inspection_outcome": outcome,
                    "aftersales_inspection_failed": list(failed),
                }
            )
        # The tracked result and outcome name the inspector in the chatter;
        # what failed is spelled out when something did.
        # One note per return, inserted at once, in the inspector's name.
        failed = self.filtered("aftersales_inspection_failed")
        if failed:
            failed._message_log_batch(
                {rma.id: rma._aftersales_inspection_summary() for rma in failed},
                author_id=self.env.user.partner_id.id,
            )
        self._aftersales_after_outcome()
        return True

    def _aftersales_inspection_summary(self):
        self.ensure_one()
        results = dict(
            self._fields["aftersales_inspection_result"]._description_selection(
                self.env
            )
        )
        outcomes = dict(
            self._fields["aftersales_inspection_outcome"]._description_selection(
                self.env
            )
        )
        body = _(
            "Inspected by %(user)s: %(result)s. Outcome: %(outcome)s.",
            user=self.env.user.name,
            result=results.get(self.aftersales_inspection_result, ""),
            outcome=outcomes.get(self.aftersales_inspection_outcome, ""),
        )
        if self.aftersales_inspection_failed_text:
            body += " " + _(
                "Conditions not met: %s.", self.aftersales_inspection_failed_text
            )
        return body

    def _aftersales_after_outcome(self):
        """Money, goods and the customer, as the outcome says."""
        go = self.filtered(
            lambda r: r.aftersales_inspection_outcome in ("accepted", "fee")
        )
        refused = self.filtered(lambda r: r.aftersales_inspection_outcome == "refused")
        waiting = self.filtered(lambda r: r.aftersales_inspection_outcome == "decision")
        go._aftersales_move_goods()
        # Credit notes and deliveries are made by the system (OCA rma posts
        # on the credit note as the current user, who may have no rights on
        # it); the inspection itself stays in the inspector's name.
        go.with_user(SUPERUSER_ID)._aftersales_settle()
        refused._aftersales_send_back()
        for rma in waiting:
            rma._aftersales_activity_schedule_auto(
                "aftersales_returns.mail_activity_rma_decision",
                user_id=rma._aftersales_product_manager().id,
                summary=_("Decide on %s: a receipt check failed", rma.name),
                note=rma.aftersales_inspection_failed_text,
            )
        self._aftersales_notify_customer(
            "aftersales_returns.mail_template_rma_inspected"
        )

    def _aftersales_apply_decision(self, decision):
        """After the manager's decision: accept (with or without a fee) or
        refuse and send back."""
        outcome = (
            "refused"
            if decision == "refuse"
            else ("fee" if decision == "fee" else "accepted")
        )
        self._aftersales_action_write({"aftersales_inspection_outcome": outcome})
        decision_type = self.env.ref("aftersales_returns.mail_activity_rma_decision")
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == decision_type
        ).action_feedback(feedback=_("Decided."))
        self.sudo()._aftersales_after_outcome()

    # ------------------------------------------------------------------
    # Goods
    # ------------------------------------------------------------------
    def _aftersales_validate_receipts(self):
        """Receive the goods on their receipt, which gets its effective date.
        Other returns sharing the receipt move to a backorder."""
        for picking, rmas in self.grouped(
            lambda r: r.reception_move_id.picking_id
        ).items():
            moves = rmas.reception_move_id.filtered(
                lambda m: m.state not in ("done", "cancel")
            )
            if not moves:
                continue
            for move in moves:
                move.quantity = move.product_uom_qty
                move.picked = True
            if not picking:
                moves._action_done()
                continue
            others = picking.move_ids - moves
            others.filtered(lambda m: m.state not in ("done", "cancel")).picked = False
            picking.with_context(cancel_backorder=False)._action_done()

    def _aftersales_move_goods(self):
        """Where the inspector sent the goods: stock, quarantine or scrap."""
        for result, rmas in self.grouped("aftersales_inspection_result").items():
            if result == "stock":
                for location, group in rmas.grouped(
                    lambda r: r.warehouse_id.lot_stock_id
                ).items():
                    group._aftersales_transfer(location)
            elif result == "quarantine":
                for location, group in rmas.grouped(
                    lambda r: r.warehouse_id._aftersales_get_quarantine_location()
                ).items():
                    group._aftersales_transfer(location)
            elif result == "scrap":
                rmas._aftersales_scrap_received()

    def _aftersales_transfer_key(self):
        """Returns inspected together share an internal transfer when they
        share its company, warehouse (operation type) and source location."""
        self.ensure_one()
        return (
            self.company_id,
            self.warehouse_id,
            self.reception_move_id.location_dest_id,
        )

    def _aftersales_transfer_move_key(self):
        """Returns in one transfer share its move when they share the
        product, unit and lot received: Odoo's stock costs queries per move
        (push rules, quants), so a batch of one product is one move whatever
        its size. Each return still names the transfer
        (``aftersales_after_picking_id``), and the move its returns."""
        self.ensure_one()
        reception = self.reception_move_id
        return (
            reception.product_id,
            reception.product_uom,
            reception.move_line_ids.lot_id[:1] or self.lot_id,
        )

    def _aftersales_prepare_transfer_move_vals(self, location_dest):
        """The move of these returns (one key of
        ``_aftersales_transfer_move_key``) in the transfer after inspection,
        done with their received quantity (and lot)."""
        first = self[:1]
        product, uom, lot = first._aftersales_transfer_move_key()
        source = first.reception_move_id.location_dest_id
        quantity = sum(rma.reception_move_id.quantity for rma in self)
        names = ", ".join(self.mapped("name"))
        return {
            "name": _("%s: after inspection", names),
            "product_id": product.id,
            "product_uom_qty": quantity,
            "product_uom": uom.id,
            "location_id": source.id,
            "location_dest_id": location_dest.id,
            "company_id": first.company_id.id,
            "restrict_lot_id": lot.id,
            "origin": names,
            "picked": True,
            "move_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_id": uom.id,
                        "quantity": quantity,
                        "location_id": source.id,
                        "location_dest_id": location_dest.id,
                        "lot_id": lot.id,
                        "picked": True,
                    }
                )
            ],
        }

    def _aftersales_prepare_transfer_vals(self, location_dest):
        """One internal transfer for these returns (one key of
        ``_aftersales_transfer_key``), one move per product and lot."""
        first = self[:1]
        source = first.reception_move_id.location_dest_id
        return {
            "picking_type_id": first.warehouse_id.int_type_id.id,
            "location_id": source.id,
            "location_dest_id": location_dest.id,
            "origin": ", ".join(self.mapped("name")),
            "company_id": first.company_id.id,
            "move_ids": [
                Command.create(
                    rmas._aftersales_prepare_transfer_move_vals(location_dest)
                )
                for rmas in self.grouped(
                    lambda r: r._aftersales_transfer_move_key()
                ).values()
            ],
        }

    def _aftersales_transfer(self, location_dest):
        """Internal transfers of the received goods from the return location
        to ``location_dest``, done at once (the inspector has the goods in
        hand: nothing to reserve): one transfer per company, warehouse and
        source location, holding one move per product and lot."""
        received = self.filtered(
            lambda r: r.reception_move_id and r.reception_move_id.state == "done"
        )
        if not received:
            return self.env["stock.picking"]
        if not location_dest:
            raise UserError(
                _(
                    "No destination location for %s.",
                    ", ".join(received.mapped("display_name")),
                )
            )
        groups = list(received.grouped(lambda r: r._aftersales_transfer_key()).values())
        # A technical transfer: its creation and status need no chatter.
        quiet = self.env["stock.picking"].with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        pickings = quiet.create(
            [rmas._aftersales_prepare_transfer_vals(location_dest) for rmas in groups]
        )
        pickings.with_context(cancel_backorder=True)._action_done()
        for rmas, picking in zip(groups, pickings, strict=True):
            rmas._aftersales_action_write({"aftersales_after_picking_id": picking.id})
        return pickings

    def _aftersales_prepare_scrap_vals(self):
        self.ensure_one()
        reception = self.reception_move_id
        return {
            "product_id": reception.product_id.id,
            "scrap_qty": reception.quantity,
            "product_uom_id": reception.product_uom.id,
            "location_id": reception.location_dest_id.id,
            "lot_id": (reception.move_line_ids.lot_id[:1] or self.lot_id).id,
            "company_id": self.company_id.id,
            "origin": self.name,
        }

    def _aftersales_scrap_received(self):
        """A scrap order per return (Odoo scraps one product at a time), all
        created at once, each validated."""
        received = self.filtered(
            lambda r: r.reception_move_id and r.reception_move_id.state == "done"
        )
        if not received:
            return self.env["stock.scrap"]
        scraps = self.env["stock.scrap"].create(
            [rma._aftersales_prepare_scrap_vals() for rma in received]
        )
        for scrap in scraps:
            scrap.action_validate()
        for rma, scrap in zip(received, scraps, strict=True):
            rma._aftersales_action_write({"aftersales_scrap_id": scrap.id})
        return scraps

    def _aftersales_send_back(self):
        """Refused: the goods go back to the customer (OCA's return delivery
        from the return location)."""
        for rma in self.filtered("can_be_returned"):
            rma.create_return(
                fields.Datetime.now(), rma.product_uom_qty, rma.product_uom
            )
