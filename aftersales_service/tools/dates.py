# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dates, times and texts as a person reads them: in their language and
timezone (the reader's, else the company's), in their language's format,
without seconds."""

import pytz

from odoo.tools.misc import format_date, get_lang


def reader_tz(env, partner=None, company=None):
    """Timezone name of the reader: the partner's, else the company's (its
    partner's, then its calendar's), else the current user's, else UTC."""
    company = company or env.company
    for tz in (
        partner and partner.tz,
        company.partner_id.tz,
        company.resource_calendar_id.tz,
        env.user.tz,
    ):
        if tz and tz in pytz.all_timezones_set:
            return tz
    return "UTC"


def reader_lang(env, partner=None, company=None):
    """Language code of the reader: the partner's, else the company's (its
    partner's: the staff reading internal notes), else the current one's."""
    company = company or env.company
    return (
        (partner and partner.lang)
        or company.sudo().partner_id.lang
        or env.lang
        or "en_US"
    )


def reader_env(env, partner=None, company=None):
    """``env`` in the reader's language (see :func:`reader_lang`): what an
    automatic text is written with."""
    return env(context=dict(env.context, lang=reader_lang(env, partner, company)))


def format_reader_datetime(env, value, tz=None, lang=None, partner=None):
    """``value`` (naive UTC datetime) in the reader's timezone and language,
    e.g. ``2026-12-01 20:30`` or ``2026年12月01日 20:30``."""
    if not value:
        return ""
    tz = tz or reader_tz(env, partner)
    lang_code = lang or (partner and partner.lang) or env.lang
    lang_rec = get_lang(env, lang_code)
    local = pytz.utc.localize(value).astimezone(pytz.timezone(tz))
    fmt = "{} {}".format(lang_rec.date_format, lang_rec.short_time_format or "%H:%M")
    return local.strftime(fmt)


def format_reader_date(env, value, lang=None, partner=None):
    if not value:
        return ""
    lang_code = lang or (partner and partner.lang) or env.lang
    return format_date(env, value, lang_code=lang_code)
