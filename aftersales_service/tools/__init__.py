# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small shared mechanisms of the suite (one of each): the action scope that
lets actions set guarded fields, coded messages rendered in the reader's
language, dates and times shown in the reader's timezone, scheduled jobs in
resumable batches."""

from .guard import GIVEN_ON_CREATE, action_scope, in_action_scope
from .coded import render_coded
from .dates import (
    format_reader_date,
    format_reader_datetime,
    reader_env,
    reader_lang,
    reader_tz,
)
from .oca_terms import oca_term, relabel, translate_reasons
from .cron import run_in_batches, cron_batch_size
