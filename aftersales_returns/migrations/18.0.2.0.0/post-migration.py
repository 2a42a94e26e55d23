# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2: reasons and evidence kinds became records. The old selection
columns are still in the tables after the update: map them."""


def _has_column(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    if _has_column(cr, "rma", "return_reason"):
        cr.execute(
            """
            UPDATE rma
               SET reason_id = reason.id
              FROM rma_reason reason
             WHERE rma.reason_id IS NULL
               AND rma.return_reason IS NOT NULL
               AND reason.aftersales_code = rma.return_reason
               AND reason.company_id = rma.company_id
            """
        )
    if _has_column(cr, "aftersales_rma_evidence", "kind"):
        cr.execute(
            """
            UPDATE aftersales_rma_evidence evidence
               SET kind_id = kind.id
              FROM aftersales_rma_evidence_kind kind
             WHERE evidence.kind_id IS NULL
               AND kind.code = evidence.kind
            """
        )
        cr.execute(
            """
            UPDATE aftersales_rma_evidence evidence
               SET kind_id = (SELECT id FROM aftersales_rma_evidence_kind
                               WHERE code = 'photo')
             WHERE evidence.kind_id IS NULL
            """
        )
    # Verdicts were sentences in the checker's language: drop them; the
    # returns are checked again (codes and values) on their next check.
    cr.execute("DELETE FROM aftersales_rma_verdict WHERE code IS NULL")
    cr.execute(
        "UPDATE rma SET aftersales_checked_date = NULL "
        "WHERE id NOT IN (SELECT rma_id FROM aftersales_rma_verdict)"
    )
