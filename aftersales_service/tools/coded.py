# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Store facts, render words.

A verdict, a reason or a note is stored as a code and its values (JSON); the
sentence is rendered when somebody reads it, in the reader's language::

    _lt = LazyTranslate(__name__)
    REASONS = {"expired": _lt("Warranty ended on %(end_date)s.")}
    render_coded(env, REASONS, "expired", {"end_date": "2026-01-31"}, lang)

Values whose key ends in ``_date`` (ISO dates) or ``_datetime`` (ISO UTC
datetimes) are formatted for the reader (language and timezone); other
values are shown as they are.
"""

import datetime

from odoo import fields

from .dates import format_reader_date, format_reader_datetime


def _format_values(env, values, lang, tz):
    out = {}
    for key, value in (values or {}).items():
        if value and key.endswith("_datetime"):
            value = format_reader_datetime(
                env, fields.Datetime.to_datetime(value), tz=tz, lang=lang
            )
        elif value and key.endswith("_date"):
            if isinstance(value, datetime.datetime):
                value = value.date()
            value = format_reader_date(env, fields.Date.to_date(value), lang=lang)
        out[key] = value
    return out


def render_coded(env, templates, code, values=None, lang=None, tz=None):
    """The sentence of ``code`` with ``values``, in ``lang`` (default: the
    environment's). Unknown codes render as the code itself."""
    lang = lang or env.lang or "en_US"
    template = templates.get(code)
    if template is None:
        return code or ""
    text = template._translate(lang) if hasattr(template, "_translate") else template
    try:
        return text % _format_values(env, values, lang, tz)
    except (KeyError, TypeError, ValueError):
        return text
