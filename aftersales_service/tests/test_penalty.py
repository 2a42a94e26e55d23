# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestPenalty(AftersalesCommon):
    def _score(self, user, company=None):
        self.env.invalidate_all()
        row = self.env["aftersales.penalty.score"].search(
            [
                ("user_id", "=", user.id),
                ("company_id", "=", (company or self.company).id),
            ]
        )
        return row.score if row else (company or self.company).aftersales_score_start

    # --- points -----------------------------------------------------------
    def test_policy_defaults(self):
        """A new company docks 3 points per incident from a score of 100."""
        company = self.env["res.company"].create({"name": "New Service Co"})
        self.assertEqual(company.aftersales_penalty_points, 3)
        self.assertEqual(company.aftersales_score_start, 100)

    def test_default_three_points_exactly(self):
        """A confirmed normal case docks exactly 3 points by default."""
        self.assertEqual(self.company.aftersales_penalty_points, 3)
        penalty = self._create_penalty(points=7)
        penalty.with_user(self.manager).action_confirm()
        self.assertEqual(penalty.state, "confirmed")
        self.assertEqual(penalty.points, 3)
        self.assertEqual(self._score(self.agent), 97)

    def test_settings_value_applies(self):
        """Changing the Settings value changes the points docked."""
        settings = self.env["res.config.settings"].create(
            {"aftersales_penalty_points": 5, "aftersales_score_start": 120}
        )
        settings.execute()
        penalty = self._create_penalty()
        self.assertEqual(penalty.points, 5)
        penalty.with_user(self.manager).action_confirm()
        self.assertEqual(penalty.points, 5)
        self.assertEqual(self._score(self.agent), 115)

    def test_settings_read_at_confirmation(self):
        """A draft proposed at 3 points books the value in force on confirm."""
        penalty = self._create_penalty()
        self.assertEqual(penalty.points, 3)
        self.company.aftersales_penalty_points = 4
        penalty.with_user(self.manager).action_confirm()
        self.assertEqual(penalty.points, 4)

    def test_serious_needs_manager_points(self):
        """A serious case is not confirmed until a manager sets its points."""
        penalty = self._create_penalty(severity="serious")
        with self.assertRaisesRegex(UserError, "serious case"):
            penalty.with_user(self.manager).action_confirm()
        self.assertEqual(penalty.state, "draft")
        # a user cannot set the points
        with self.assertRaises(AccessError):
            penalty.with_user(self.agent).write({"points": 1})
        penalty.with_user(self.manager).write({"points": 10})
        self.assertTrue(penalty.points_set_by_manager)
        penalty.with_user(self.manager).action_confirm()
        self.assertEqual(penalty.state, "confirmed")
        self.assertEqual(penalty.points, 10, "serious points are not overridden")
        self.assertEqual(self._score(self.agent), 90)

    def test_double_confirmation_one_entry(self):
        """Confirming twice books one entry and docks the points once."""
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        penalty.with_user(self.manager).action_confirm()
        entries = self.env["aftersales.penalty"].search(
            [("user_id", "=", self.agent.id)]
        )
        self.assertEqual(len(entries), 1)
        self.assertEqual(self._score(self.agent), 97)

    def test_created_as_draft_only(self):
        with self.assertRaises(UserError):
            self._create_penalty(state="confirmed")

    # --- reversal ----------------------------------------------------------
    def test_reversal_restores_score(self):
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        self.assertEqual(self._score(self.agent), 97)
        action = penalty.with_user(self.manager).action_reverse()
        self.assertEqual(action["res_model"], "aftersales.penalty.reverse.wizard")
        wizard = (
            self.env["aftersales.penalty.reverse.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": "Customer withdrew the complaint"})
        )
        wizard.action_reverse()
        counter = penalty.reversal_entry_ids
        self.assertEqual(len(counter), 1)
        self.assertTrue(penalty.is_reversed)
        self.assertEqual(penalty.state, "confirmed")
        self.assertEqual(counter.state, "confirmed")
        self.assertEqual(counter.points, -3)
        self.assertEqual(counter.reversed_entry_id, penalty)
        self.assertEqual(counter.date, penalty.date)
        self.assertEqual(self._score(self.agent), 100)
        self.assertEqual(
            self.env["aftersales.penalty.score"]
            .search([("user_id", "=", self.agent.id)])
            .incident_count,
            0,
        )
        with self.assertRaisesRegex(UserError, "already reversed"):
            penalty.with_user(self.manager).action_reverse(reason="again")
        with self.assertRaises(UserError):
            counter.with_user(self.manager).action_reverse(reason="reverse counter")

    def test_reversal_history_in_chatter(self):
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        penalty.with_user(self.manager).action_reverse(reason="Wrong person")
        bodies = " ".join(penalty.message_ids.mapped("body"))
        self.assertIn("Wrong person", bodies)
        self.assertIn("Confirmed", bodies)

    # --- immutability and access --------------------------------------------
    def test_user_cannot_confirm(self):
        penalty = self._create_penalty(user_id=self.user.id)
        with self.assertRaises(AccessError):
            penalty.with_user(self.user).action_confirm()
        with self.assertRaises(AccessError):
            penalty.with_user(self.agent).action_confirm()
        self.assertEqual(penalty.state, "draft")

    def test_user_cannot_edit_or_delete_confirmed(self):
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        own = penalty.with_user(self.agent)
        self.assertEqual(own.points, 3, "the person reads their own entry")
        with self.assertRaises(UserError):
            own.write({"points": 0})
        with self.assertRaises(AccessError):
            own.unlink()
        with self.assertRaises(AccessError):
            own.action_reverse(reason="I disagree")
        self.assertEqual(penalty.points, 3)

    def test_manager_cannot_edit_or_delete_confirmed(self):
        """Not even a manager (or the superuser) edits or deletes a confirmed
        entry: amounts, person and date are locked."""
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        for vals in (
            {"points": 1},
            {"user_id": self.user.id},
            {"date": "2020-01-01"},
        ):
            with self.assertRaises(UserError):
                penalty.with_user(self.manager).write(vals)
            with self.assertRaises(UserError):
                penalty.write(vals)
        with self.assertRaises(UserError):
            penalty.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            penalty.unlink()
        self.assertEqual(penalty.points, 3)
        self.assertEqual(penalty.user_id, self.agent)

    def test_state_not_writable(self):
        penalty = self._create_penalty()
        with self.assertRaises(UserError):
            penalty.with_user(self.manager).write({"state": "confirmed"})

    def test_draft_can_be_cancelled_and_deleted_by_manager(self):
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_cancel()
        self.assertEqual(penalty.state, "cancelled")
        penalty.with_user(self.manager).unlink()
        self.assertFalse(penalty.exists())

    def test_user_sees_only_own_entries(self):
        mine = self._create_penalty()
        other = self._create_penalty(user_id=self.user.id)
        visible = self.env["aftersales.penalty"].with_user(self.agent).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError):
            other.with_user(self.agent).read(["points"])
        visible = self.env["aftersales.penalty"].with_user(self.manager).search([])
        self.assertIn(mine, visible)
        self.assertIn(other, visible)

    def test_multi_company_isolation(self):
        ours = self._create_penalty()
        ticket_b = self.env["helpdesk.ticket"].create(
            {
                "name": "Range hood noise",
                "description": "Noise",
                "company_id": self.company_b.id,
                "user_id": self.agent.id,
            }
        )
        theirs = self._create_penalty(
            ticket_id=ticket_b.id, company_id=self.company_b.id
        )
        self.assertEqual(theirs.company_id, self.company_b)
        theirs.with_user(self.manager_b).action_confirm()
        ours.with_user(self.manager).action_confirm()
        seen_b = self.env["aftersales.penalty"].with_user(self.manager_b).search([])
        self.assertEqual(seen_b, theirs)
        seen_a = self.env["aftersales.penalty"].with_user(self.manager).search([])
        self.assertIn(ours, seen_a)
        self.assertNotIn(theirs, seen_a)
        scores_b = (
            self.env["aftersales.penalty.score"].with_user(self.manager_b).search([])
        )
        self.assertEqual(scores_b.company_id, self.company_b)
        self.assertEqual(scores_b.score, 97)

    # --- appeal ------------------------------------------------------------
    def test_appeal_once_and_upheld_reverses(self):
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        own = penalty.with_user(self.agent)
        self.assertTrue(own.can_appeal)
        wizard = (
            self.env["aftersales.penalty.appeal.wizard"]
            .with_user(self.agent)
            .with_context(active_model="aftersales.penalty", active_id=penalty.id)
            .create({"text": "The customer never called me"})
        )
        wizard.action_appeal()
        self.assertEqual(penalty.appeal_state, "pending")
        self.assertEqual(penalty.appeal_text, "The customer never called me")
        with self.assertRaisesRegex(UserError, "only once"):
            own.action_appeal("Second try")
        with self.assertRaises(AccessError):
            own.action_appeal_uphold("I agree with myself")
        penalty.with_user(self.manager).action_appeal_uphold("Call log shows no call")
        self.assertEqual(penalty.appeal_state, "upheld")
        self.assertTrue(penalty.is_reversed)
        self.assertEqual(self._score(self.agent), 100)
        with self.assertRaisesRegex(UserError, "only once"):
            own.action_appeal("Third try")

    def test_appeal_rejected_keeps_points(self):
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        penalty.with_user(self.agent).action_appeal("Not me")
        penalty.with_user(self.manager).action_appeal_reject("Evidence is clear")
        self.assertEqual(penalty.appeal_state, "rejected")
        self.assertFalse(penalty.is_reversed)
        self.assertEqual(self._score(self.agent), 97)
        with self.assertRaises(UserError):
            penalty.with_user(self.agent).action_appeal("Again")

    def test_only_the_person_appeals(self):
        penalty = self._create_penalty()
        penalty.with_user(self.manager).action_confirm()
        with self.assertRaises(AccessError):
            penalty.with_user(self.manager).action_appeal("On behalf")
        self.assertEqual(penalty.appeal_state, "none")

    # --- SLA breach proposals -------------------------------------------------
    def test_sla_breach_proposes_drafts_once(self):
        ticket2 = self.ticket.copy({"user_id": self.user.id})
        (self.ticket | ticket2)._aftersales_write_contact_milestone()
        breached = (self.ticket | ticket2).milestone_ids.filtered(
            lambda m: m.kind == "contact"
        )
        self.env["helpdesk.ticket"]._aftersales_on_sla_breach(breached)
        drafts = self.env["aftersales.penalty"].search(
            [("ticket_id", "in", (self.ticket | ticket2).ids)]
        )
        self.assertEqual(len(drafts), 2)
        self.assertEqual(set(drafts.mapped("state")), {"draft"})
        self.assertEqual(drafts.user_id, self.agent | self.user)
        self.assertEqual(drafts.mapped("points"), [3, 3])
        self.assertEqual(len(set(drafts.mapped("name"))), 2)
        self.env["helpdesk.ticket"]._aftersales_on_sla_breach(breached[:1])
        self.assertEqual(
            self.env["aftersales.penalty"].search_count(
                [("ticket_id", "in", (self.ticket | ticket2).ids)]
            ),
            2,
            "the same breach is proposed only once",
        )
        direct = self.env["aftersales.penalty"]._propose_for_sla_breach(
            [(self.ticket, self.agent, "Contact deadline missed")]
        )
        self.assertEqual(direct.reason, "Contact deadline missed")
        self.assertEqual(direct.team_id, self.team)

    def test_sla_breach_batch_query_count(self):
        """Proposing 3 or 30 breaches costs the same number of queries."""
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Stove {i}",
                    "description": "Igniter",
                    "team_id": self.team.id,
                    "user_id": self.agent.id,
                }
                for i in range(33)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        proposer = self.env["aftersales.penalty"]
        with self.assertQueryCount(10):
            small = proposer._propose_for_sla_breach(
                [(t, t.user_id, "late", f"test:{t.id}") for t in tickets[:3]]
            )
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            large = proposer._propose_for_sla_breach(
                [(t, t.user_id, "late", f"test:{t.id}") for t in tickets[3:]]
            )
            self.env.flush_all()
        self.assertEqual((len(small), len(large)), (3, 30))
