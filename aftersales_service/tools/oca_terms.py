# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chinese of the OCA modules' Python code terms, looked up in the suite.

Odoo translates a Python `_("...")` of an OCA module from that module's own
i18n folder, which the suite cannot ship into (helpdesk_mgmt has no zh_CN).
The suite's i18n_extra/<lang>.po files carry those terms too (written by
tools/oca_i18n.py). Where a user meets such a term on the suite's journeys
(portal sort options, window titles...), the suite's override reads it back
with oca_term(), the way `_()` would have if the OCA module shipped it.
The function is deliberately not called `_`: its terms belong to the OCA
module and stay out of the suite's own .pot.
"""

from odoo.tools.translate import code_translations


def oca_term(env, addon, text, oca_module=None):
    """text translated into env's language from addon's po files (i18n/ and
    i18n_extra/), else text unchanged. text is the OCA module's English
    source, or what the OCA module's own po file made of it (give
    oca_module): rma's zh_CN turns "Refund" into 退货, the suite says 退款."""
    lang = env.lang or "en_US"
    if lang == "en_US":
        return text
    ours = code_translations.get_python_translations(addon, lang)
    if text in ours:
        return ours[text]
    if oca_module:
        theirs = code_translations.get_python_translations(oca_module, lang)
        for source, value in theirs.items():
            if value == text and source in ours:
                return ours[source]
    return text


def relabel(env, addon, options, key="label", oca_module=None):
    """Translate the key ('label') of each dict in a portal options dict
    (searchbar sortings, filters, inputs, group-bys) in place; returns it."""
    for option in (options or {}).values():
        if isinstance(option, dict) and option.get(key):
            option[key] = oca_term(env, addon, str(option[key]), oca_module)
    return options


def translate_reasons(records, addon, recipients, oca_module=None):
    """The reason of each suggested recipient (a tooltip of the chatter),
    in the reader's language: a field label (mail uses the Python string of
    user_id) or an OCA code term ("Customer")."""
    labels = {field.string: field for field in records._fields.values()}
    for recipient in recipients:
        reason = isinstance(recipient, dict) and recipient.get("reason")
        if not reason:
            continue
        field = labels.get(str(reason))
        recipient["reason"] = (
            field._description_string(records.env)
            if field
            else oca_term(records.env, addon, str(reason), oca_module)
        )
    return recipients
