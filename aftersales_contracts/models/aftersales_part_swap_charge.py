# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import math

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.aftersales_service.tools import action_scope

from .aftersales_part_swap import SWAP_MAX_QUANTITY

_logger = logging.getLogger(__name__)

# Distributors charged per batch of the charging run (each one invoice): each
# batch is committed by the scheduler before the next one
# (ir.cron._notify_progress), so a run stopped half way keeps what it charged.
CHARGE_BATCH_DISTRIBUTORS = 5
# A unit cost past this is a data error, not a price.
MAX_UNIT_COST = 1e9


class AftersalesPartSwap(models.Model):
    """Old part not back by the due date: the distributor buys the new part at
    the cost price captured at issue (无旧配件返回,由乙方按成本价购买), once.

    Charging happens only here: the daily run (``_cron_charge_overdue``) or a
    manager's "Charge at Cost". Both make the customer invoice (a draft, for
    accounting to post) and mark the swaps charged in the same transaction.
    """

    _inherit = "aftersales.part.swap"

    def action_charge(self):
        """Charge by hand the selected swaps still waiting for their old part
        (after-sales managers; the invoice is a draft for accounting)."""
        self.env.user._aftersales_check_manager(self, self.env._("charge"))
        if any(not s.can_charge for s in self):
            raise UserError(
                self.env._(
                    "Only swaps waiting for their old part can be charged: %s.",
                    ", ".join(self.filtered(lambda s: not s.can_charge).mapped("name")),
                )
            )
        moves, skipped = self._charge(
            [("id", "in", self.ids), ("state", "=", "waiting")]
        )
        if skipped:
            raise UserError(
                self.env._(
                    "Swaps %(swaps)s could not be charged: %(reason)s",
                    swaps=", ".join(skipped.mapped("name")),
                    reason="; ".join(filter(None, skipped.mapped("charge_error"))),
                )
            )
        return moves

    def action_clear_charge_error(self):
        """A manager fixed what stopped the charge: the run tries it again."""
        self.env.user._aftersales_check_manager(self, self.env._("retry the charge of"))
        self._aftersales_action_write({"charge_error": False})
        return True

    # ------------------------------------------------------------------
    # The charging run
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_overdue_domain(self, today):
        return [
            ("state", "=", "waiting"),
            ("due_date", "<", today),
            ("charge_error", "=", False),
        ]

    @api.model
    def _cron_charge_overdue(self, today=None, batch_size=CHARGE_BATCH_DISTRIBUTORS):
        """Invoice at cost every old part not back by its due date (due date + 1
        day), one batch of distributors per call.

        Returns the invoices made. Reports progress to the scheduler, which
        commits the batch and calls again while distributors remain.
        """
        today = today or fields.Date.context_today(self)
        domain = self._aftersales_overdue_domain(today)
        groups = self._read_group(
            domain, ["company_id", "partner_id"], ["__count"], order="partner_id"
        )
        batch = groups[:batch_size]
        moves = self.env["account.move"]
        done = 0
        if batch:
            partner_ids = [partner.id for _company, partner, _count in batch]
            moves, _skipped = self._charge(domain + [("partner_id", "in", partner_ids)])
            done = sum(count for _company, _partner, count in batch)
        remaining = sum(count for _company, _partner, count in groups[batch_size:])
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return moves

    @api.model
    def _aftersales_charge_refusal(self, quantity, unit_cost):
        """Why a swap cannot be charged, or None."""
        if not (math.isfinite(quantity) and 0 < quantity <= SWAP_MAX_QUANTITY):
            return self.env._(
                "quantity %(qty)s is not between 0 and %(max)s",
                qty=quantity,
                max=SWAP_MAX_QUANTITY,
            )
        if not (math.isfinite(unit_cost) and 0 <= unit_cost <= MAX_UNIT_COST):
            return self.env._(
                "unit cost %(cost)s is not between 0 and %(max)s",
                cost=unit_cost,
                max=MAX_UNIT_COST,
            )
        return None

    @api.model
    def _charge(self, domain):
        """Charge the swaps of ``domain``: one invoice per distributor, one line
        per part and cost price, a bounded number of queries.

        A swap that cannot be charged is skipped, logged and marked with the
        reason; the others are charged. Returns (invoices, skipped swaps).
        """
        self = self.with_context(  # noqa: PLW0642
            tracking_disable=True, mail_notrack=True
        )
        query = self._search(domain)
        self.flush_model()
        valid = SQL(
            """quantity > 0 AND quantity <= %s
               AND COALESCE(unit_cost, 0) >= 0 AND COALESCE(unit_cost, 0) <= %s""",
            SWAP_MAX_QUANTITY,
            MAX_UNIT_COST,
        )
        # records the run cannot charge (legacy or corrupted figures)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM aftersales_part_swap WHERE id IN %s AND NOT (%s)",
                query.subselect(),
                valid,
            )
        )
        refused = {}
        for swap in self.browse([r[0] for r in self.env.cr.fetchall()]):
            reason = self._aftersales_charge_refusal(
                swap.quantity, swap.unit_cost or 0.0
            ) or self.env._("invalid figures")
            refused.setdefault(reason, []).append(swap.id)
        self.env.cr.execute(
            SQL(
                """SELECT company_id, partner_id, product_id, unit_cost,
                          array_agg(id ORDER BY id),
                          sum(quantity - COALESCE(quantity_returned, 0))
                     FROM aftersales_part_swap
                    WHERE id IN %s AND %s
                 GROUP BY company_id, partner_id, product_id, unit_cost
                 ORDER BY partner_id, product_id, unit_cost""",
                query.subselect(),
                valid,
            )
        )
        by_partner = {}
        for (
            company_id,
            partner_id,
            product_id,
            cost,
            ids,
            qty,
        ) in self.env.cr.fetchall():
            if not qty or qty <= 0:
                continue
            by_partner.setdefault((company_id, partner_id), []).append(
                (product_id, float(cost or 0.0), ids, float(qty))
            )
        skipped = self.browse()
        if refused:
            skipped |= self._aftersales_skip(refused)
        moves = self.env["account.move"]
        if by_partner:
            moves, failed = self._aftersales_charge_partners(by_partner)
            skipped |= failed
        return moves, skipped

    @api.model
    def _aftersales_charge_partners(self, by_partner):
        """Invoices for these distributors in one batch; if the batch fails,
        one distributor at a time, then one swap at a time, so a bad record
        only stops itself."""
        try:
            with self.env.cr.savepoint():
                return self._aftersales_make_charges(by_partner), self.browse()
        except Exception as error:  # noqa: BLE001 - any failure: split the batch
            if len(by_partner) == 1:
                [(key, items)] = by_partner.items()
                if len(items) == 1 and len(items[0][2]) == 1:
                    return self.env["account.move"], self._aftersales_skip(
                        {str(error): items[0][2]}
                    )
                # one swap at a time
                singles = {}
                for product_id, cost, ids, _qty in items:
                    for swap in self.browse(ids):
                        singles[(key, swap.id)] = [
                            (
                                product_id,
                                cost,
                                [swap.id],
                                swap.quantity - swap.quantity_returned,
                            )
                        ]
                moves, skipped = self.env["account.move"], self.browse()
                for (key2, _swap_id), items2 in singles.items():
                    m, s = self._aftersales_charge_partners({key2: items2})
                    moves |= m
                    skipped |= s
                return moves, skipped
            moves, skipped = self.env["account.move"], self.browse()
            for key, items in by_partner.items():
                m, s = self._aftersales_charge_partners({key: items})
                moves |= m
                skipped |= s
            return moves, skipped

    @api.model
    def _aftersales_skip(self, refused):
        """Log and mark swaps the run cannot charge ({reason: ids})."""
        skipped = self.browse()
        for reason, ids in refused.items():
            swaps = self.browse(ids)
            _logger.warning(
                "Part swaps %s not charged: %s", ", ".join(swaps.mapped("name")), reason
            )
            swaps._aftersales_action_write(
                {"charge_error": self.env._("Not charged: %s", reason)}
            )
            swaps._message_log_batch(
                bodies={
                    swap.id: self.env._("Not charged at cost: %s", reason)
                    for swap in swaps
                }
            )
            skipped |= swaps
        return skipped

    @api.model
    def _aftersales_make_charges(self, by_partner):
        companies = self.env["res.company"].browse({c for c, _p in by_partner})
        partners = self.env["res.partner"].browse({p for _c, p in by_partner})
        products = self.env["product.product"].browse(
            {item[0] for items in by_partner.values() for item in items}
        )
        companies.mapped("name")
        partners.mapped("name")
        products.mapped("display_name")
        move_vals = []
        keys = []
        for (company_id, partner_id), items in by_partner.items():
            company = companies.browse(company_id)
            move_vals.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner_id,
                    "company_id": company_id,
                    "invoice_origin": self.env._("Old parts not returned"),
                    "invoice_line_ids": [
                        Command.create(
                            self._prepare_charge_line_vals(
                                company, products.browse(product_id), qty, cost
                            )
                        )
                        for product_id, cost, _ids, qty in items
                    ],
                }
            )
            keys.append(items)
        moves = self._aftersales_create_draft_invoices(move_vals)
        # One UPDATE per (distributor, part, cost) whatever the number of swaps:
        # the charge fields are bookkeeping of this method (no tracking, no
        # dependent stored fields), so a set-based update keeps the run's
        # query count bounded at 50,000 open swaps.
        self.flush_model()
        for move, items in zip(moves, keys, strict=True):
            invoice_lines = move.invoice_line_ids.sorted("id")
            for line, (_product, _cost, ids, _qty) in zip(
                invoice_lines, items, strict=True
            ):
                self.env.cr.execute(
                    """UPDATE aftersales_part_swap
                          SET state = 'charged',
                              charge_line_id = %s,
                              charge_move_id = %s,
                              quantity_charged =
                                  quantity - COALESCE(quantity_returned, 0),
                              amount_charged =
                                  (quantity - COALESCE(quantity_returned, 0)) * %s,
                              write_uid = %s,
                              write_date = (now() at time zone 'UTC')
                        WHERE id = ANY(%s) AND state = 'waiting'""",
                    (line.id, move.id, line.price_unit, self.env.uid, list(ids)),
                )
        self.invalidate_model(
            [
                "state",
                "charge_line_id",
                "charge_move_id",
                "quantity_charged",
                "amount_charged",
                "write_uid",
                "write_date",
                "can_charge",
                "can_return",
            ]
        )
        self.env["account.move.line"].invalidate_model(["aftersales_swap_ids"])
        return moves

    @api.model
    def _aftersales_create_draft_invoices(self, move_vals):
        """Draft customer invoices and credit notes built by this code from
        the swaps (partner, part, quantity, cost captured at issue), never from
        what a user typed: created as superuser so an after-sales manager
        without accounting rights can prepare them; accounting posts them."""
        for vals in move_vals:
            if vals.get("move_type") not in ("out_invoice", "out_refund"):
                raise UserError(self.env._("Only customer invoices are prepared here."))
            vals.pop("state", None)
        with action_scope():
            return self.env["account.move"].sudo().create(move_vals).sudo(False)

    @api.model
    def _prepare_charge_line_vals(self, company, product, quantity, unit_cost=None):
        """Invoice line at the part's COST price captured at issue, not its
        sales price."""
        if unit_cost is None:
            unit_cost = product.with_company(company).standard_price
        return {
            "product_id": product.id,
            "name": self.env._(
                "%s: old part not returned (charged at cost)", product.display_name
            ),
            "quantity": quantity,
            "price_unit": unit_cost,
        }

    def _create_refund(self, quantity):
        """Credit note for old parts returned after they were charged."""
        self.ensure_one()
        line = self.charge_line_id.sudo()
        return self._aftersales_create_draft_invoices(
            [
                {
                    "move_type": "out_refund",
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "invoice_origin": self.name,
                    "reversed_entry_id": line.move_id.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product_id.id,
                                "name": self.env._(
                                    "Old part returned late for swap %s", self.name
                                ),
                                "quantity": min(quantity, self.quantity_charged),
                                "price_unit": line.price_unit,
                                "tax_ids": [Command.set(line.tax_ids.ids)],
                            }
                        )
                    ],
                }
            ]
        )
