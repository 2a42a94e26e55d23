# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lists the returns addon uses, each in one place."""

RETURN_REASONS = [
    ("appearance", "Appearance defect"),
    ("listing", "Unclear or wrong listing"),
    ("no_reason", "No-reason return"),
    ("quality", "Quality problem"),
    ("accessories", "Missing or wrong accessories"),
    ("transport", "Damaged in transit"),
    ("counterfeit", "Counterfeit"),
]
# Reasons for which the company is at fault: it collects the goods.
COMPANY_FAULT_REASONS = (
    "appearance",
    "listing",
    "quality",
    "accessories",
    "transport",
    "counterfeit",
)
# Reasons needing the product manager's approval before confirmation.
APPROVAL_REASONS = ("appearance", "listing")
# Evidence required per reason (seed 001 / 002).
REQUIRED_EVIDENCE = {
    "appearance": ("photo", "courier"),
    "listing": ("screenshot",),
    "no_reason": (),
    "quality": ("test_report",),
    "accessories": ("photo",),
    "transport": ("photo", "courier"),
    "counterfeit": ("photo",),
}
# RMA states that no longer hold goods against the sale line.
RELEASED_STATES = ("draft", "cancelled", "returned")
OPEN_STATES = (
    "confirmed",
    "received",
    "waiting_return",
    "waiting_replacement",
)
