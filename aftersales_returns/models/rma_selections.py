# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lists the returns addon uses, each in one place.

Return reasons are records (``rma.reason``, from OCA ``rma_reason``) with their
policy attributes; evidence kinds are records too. What stays here are the
fixed vocabularies of the suite's own fields.
"""

REMEDIES = [
    ("refund", "Refund"),
    ("exchange", "Exchange"),
    ("repair", "Repair"),
]
PACKAGE_STATES = [
    ("sealed", "Factory seal unopened"),
    ("opened", "Opened, outer package intact"),
    ("damaged", "Outer package damaged or crushed"),
]
# What a reason asks of the package (seed 001: 外包装完好 / 原厂密封包装未打开).
PACKAGE_REQUIREMENTS = [
    ("any", "Any package"),
    ("intact", "Outer package intact"),
    ("sealed", "Factory seal unopened"),
]
PACKAGE_MEETS = {
    "any": ("sealed", "opened", "damaged"),
    "intact": ("sealed", "opened"),
    "sealed": ("sealed",),
}
APPROVAL_POLICIES = [
    ("none", "No approval"),
    ("inform", "Product manager informed"),
    ("approve", "Product manager approves"),
]
WINDOWS = [
    ("remedy", "By remedy: return window for refunds, exchange window for exchanges"),
    ("return", "Return window"),
    ("exchange", "Exchange window"),
    ("none", "No time window"),
]
DAMAGED_UNIT = [
    ("return", "The customer returns the damaged unit"),
    ("keep", "The customer keeps the damaged unit"),
]
INSPECTION_POLICIES = [
    ("refuse", "Refuse and send back"),
    ("fee", "Keep a fee"),
    ("decision", "A manager decides in writing"),
]
INSPECTION_RESULTS = [
    ("stock", "Back to stock"),
    ("quarantine", "Quarantine"),
    ("scrap", "Scrap"),
    ("reject", "Reject and send back"),
]
CONDITION_GRADES = [
    ("a", "A - as new"),
    ("b", "B - light wear"),
    ("c", "C - used"),
    ("d", "D - defective"),
]
INSPECTION_OUTCOMES = [
    ("accepted", "Accepted"),
    ("fee", "Accepted with a fee"),
    ("decision", "Waiting for a manager's decision"),
    ("refused", "Refused and sent back"),
]
DECISIONS = [
    ("accept", "Accept"),
    ("fee", "Accept with a fee"),
    ("refuse", "Refuse and send back"),
]
# The receipt conditions of seed 001 (退货检测、入库): field on rma, reason flag.
INSPECTION_CONDITIONS = [
    ("invoice", "aftersales_invoice_returned", "aftersales_inspect_invoice"),
    ("package", "aftersales_package_intact", "aftersales_inspect_package"),
    (
        "accessories",
        "aftersales_accessories_complete",
        "aftersales_inspect_accessories",
    ),
]
# RMA states that no longer hold goods against the sale line.
RELEASED_STATES = ("draft", "cancelled", "returned")
OPEN_STATES = (
    "confirmed",
    "received",
    "waiting_return",
    "waiting_replacement",
)
