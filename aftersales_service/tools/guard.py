# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scope inside which actions may set guarded fields.

Guarded fields (states, approvals, overrides, audit who/when, money) are
declared per model by ``_aftersales_guarded_fields()`` and refused in every
``create``/``write``/``copy`` that does not run inside :func:`action_scope`
(see ``models/aftersales_guard.py``). The scope is a context variable of the
running thread: a client cannot send it (unlike a context key), and it ends
with the ``with`` block of the action that opened it.
"""

import contextvars
from contextlib import contextmanager

# Attributes of a stored computed field whose value the creating action gives
# to ``create`` (known before the insert, so the ORM computes nothing on a
# draft record): ``readonly=False`` is what makes the ORM keep a computed
# value given to create rather than compute it again; ``aftersales_given``
# makes such a field guarded, refused by hand like any other (and shown
# read-only), whatever the model lists. The compute still runs whenever what
# it depends on changes.
GIVEN_ON_CREATE = {
    "store": True,
    "precompute": True,
    "readonly": False,
    "aftersales_given": True,
}

_SCOPE = contextvars.ContextVar("aftersales_action_scope", default=0)


@contextmanager
def action_scope():
    """Run the body as an action: guarded fields may be written."""
    token = _SCOPE.set(_SCOPE.get() + 1)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def in_action_scope():
    return _SCOPE.get() > 0
