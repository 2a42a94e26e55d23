# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.helpdesk_ticket_complaint import COMPLAINT_STEPS
from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestComplaint(AftersalesCommon):
    def _feedback(self, **vals):
        self.ticket.is_complaint = True
        return (
            self.env["aftersales.complaint.feedback"]
            .with_user(self.user)
            .create(
                dict(
                    {
                        "ticket_id": self.ticket.id,
                        "complaint_summary": "Technician came two days late",
                        "investigation_result": "Dispatch order not sent",
                        "fault_stage": "reception",
                    },
                    **vals,
                )
            )
        )

    def test_complaint_checklist_progress(self):
        self.ticket.write(
            {
                "is_complaint": True,
                "complainant_kind": "redress",
                "complaint_step_listen": True,
                "complaint_step_thank": True,
                "complaint_step_apologise": True,
            }
        )
        self.assertEqual(self.ticket.complaint_steps_done, 3)
        self.assertAlmostEqual(self.ticket.complaint_progress, 42.9)
        self.ticket.write(
            {
                "complaint_step_analyse": True,
                "complaint_step_wish": True,
                "complaint_step_policy": True,
                "complaint_step_service_number": True,
            }
        )
        self.assertEqual(self.ticket.complaint_steps_done, 7)
        self.assertEqual(self.ticket.complaint_progress, 100.0)

    def test_compensation_needs_manager_approval(self):
        self.ticket.is_complaint = True
        self.ticket.partner_id = self.customer
        gift = self.env["product.product"].create(
            {"name": "Gift Kettle", "type": "consu"}
        )
        comp = (
            self.env["aftersales.compensation"]
            .with_user(self.user)
            .create(
                {
                    "ticket_id": self.ticket.id,
                    "kind": "gift",
                    "amount": 200,
                    "product_id": gift.id,
                }
            )
        )
        self.assertEqual(comp.state, "draft")
        comp.action_submit()
        self.assertEqual(comp.state, "to_approve")
        self.assertFalse(comp.can_approve)
        with self.assertRaisesRegex(UserError, "submitted or decided"):
            comp.write({"amount": 2000})
        with self.assertRaises(AccessError):
            comp.action_approve()
        with self.assertRaises(UserError):
            comp.write({"state": "approved"})
        self.assertEqual(comp.state, "to_approve")
        as_manager = comp.with_user(self.manager)
        self.assertTrue(as_manager.can_approve)
        as_manager.action_approve()
        self.assertEqual(comp.state, "approved")
        self.assertEqual(comp.approved_by_id, self.manager)
        self.assertTrue(comp.approved_date)
        with self.assertRaises(UserError):
            comp.write({"amount": 5000})
        self.assertEqual(self.ticket.compensation_count, 1)

    def test_complaint_closes_only_when_complete(self):
        """Seven steps ticked and the feedback form confirmed, or a manager's
        written override."""
        self.ticket.is_complaint = True
        self.ticket._aftersales_record_confirmation("phone")
        with self.assertRaisesNaming(UserError, "procedure", "feedback form"):
            self.ticket.with_user(self.agent).action_close_confirmed()
        self.ticket.write({fname: True for fname in COMPLAINT_STEPS})
        self.assertFalse(self.ticket.with_user(self.agent).can_close)
        with self.assertRaisesNaming(UserError, "feedback form"):
            self.ticket.with_user(self.agent).action_close_confirmed()
        form = self._feedback(responsible_user_id=self.agent2.id)
        form.action_confirm()
        self.ticket.invalidate_recordset(["can_close"])
        self.assertTrue(self.ticket.with_user(self.agent).can_close)
        self.ticket.with_user(self.agent).action_close_confirmed()
        self.assertTrue(self.ticket.stage_id.closed)

    def test_complaint_override_in_writing(self):
        self.ticket.is_complaint = True
        self.env["aftersales.ticket.close.override"].with_user(self.manager).create(
            {"ticket_id": self.ticket.id, "reason": "Customer withdrew it in writing"}
        ).action_close()
        self.assertTrue(self.ticket.stage_id.closed)

    def test_feedback_not_confirmed_by_person_at_fault(self):
        form = self._feedback(responsible_user_id=self.user.id, negligence=True)
        with self.assertRaisesNaming(AccessError, form.name):
            form.with_user(self.user).action_confirm()
        self.assertEqual(form.state, "draft")
        self.assertFalse(form.penalty_id)
        form.with_user(self.manager).action_confirm()
        self.assertEqual(form.confirmed_by_id, self.manager)
        # nor confirmed by hand
        other = self._feedback(responsible_user_id=self.agent.id)
        with self.assertRaises(UserError):
            other.with_user(self.manager).write({"state": "confirmed"})
        self.assertEqual(other.state, "draft")

    def test_compensation_refused_by_user_impossible(self):
        comp = (
            self.env["aftersales.compensation"]
            .with_user(self.user)
            .create({"ticket_id": self.ticket.id, "kind": "refund", "amount": 50})
        )
        comp.action_submit()
        with self.assertRaises(AccessError):
            comp.action_refuse()
        comp.with_user(self.manager).action_refuse()
        self.assertEqual(comp.state, "refused")

    def test_feedback_with_negligence_proposes_penalty(self):
        form = self._feedback(responsible_user_id=self.agent.id, negligence=True)
        form.action_confirm()
        self.assertEqual(form.state, "confirmed")
        penalty = form.penalty_id.sudo()
        self.assertEqual(penalty.state, "draft")
        self.assertEqual(penalty.user_id, self.agent)
        self.assertEqual(penalty.points, 3)
        self.assertEqual(penalty.feedback_id, form)
        self.assertEqual(form.activity_ids.user_id, self.agent, "agent fixes it")
        form.action_confirm()
        self.assertEqual(
            self.env["aftersales.penalty"].search_count(
                [("feedback_id", "=", form.id)]
            ),
            1,
        )
        penalty.with_user(self.manager).action_confirm()
        self.assertEqual(penalty.points, 3)
        with self.assertRaises(UserError):
            form.write({"responsible_user_id": self.user.id})

    def test_feedback_serious_waits_for_manager_points(self):
        form = self._feedback(
            responsible_user_id=self.agent.id, negligence=True, severity="serious"
        )
        form.action_confirm()
        penalty = form.penalty_id.sudo()
        self.assertEqual(penalty.severity, "serious")
        with self.assertRaises(UserError):
            penalty.with_user(self.manager).action_confirm()

    def test_feedback_without_negligence_no_penalty(self):
        form = self._feedback(responsible_user_id=self.agent.id)
        form.action_confirm()
        self.assertFalse(form.penalty_id)

    def test_feedback_needs_responsible_or_head_decision(self):
        form = self._feedback()
        with self.assertRaisesRegex(UserError, "responsible person"):
            form.action_confirm()
        form.no_person_at_fault = True
        form.no_person_reason = "data_loss"
        with self.assertRaisesRegex(UserError, "decision is required"):
            form.action_confirm()
        self.assertEqual(form.state, "draft")
        form.head_decision = "Restore the data from backup; no penalty."
        with self.assertRaises(AccessError):
            form.action_confirm()  # only the department head confirms
        form.with_user(self.manager).action_confirm()
        self.assertEqual(form.state, "confirmed")
        self.assertEqual(form.head_id, self.manager)
        self.assertFalse(form.penalty_id)

    def test_feedback_pdf(self):
        form = self._feedback(responsible_user_id=self.agent.id)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "aftersales_service.report_complaint_feedback", form.ids
            )[0]
            .decode()
        )
        self.assertIn(form.name, html)
        self.assertIn("Dispatch order not sent", html)
