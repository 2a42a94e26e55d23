# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Find the English a Chinese user still reads on the suite's screens.

scan(env) walks the form, list, kanban and search views of the suite's models
and of the OCA models the suite extends (helpdesk.ticket, rma,
contract.contract, fsm.order...), as get_view() gives them to the web client
in the environment's language, and the menus (and their window titles) under
After-Sales. It returns one Label per user-visible string: field labels,
selection values, string/placeholder/confirm/title attributes and text.
Static invisible nodes and labels hidden with nolabel are skipped.
is_english() tells which ones are still English. Used by test_zh_labels.py;
run by hand with tools/zh_labels.py.
"""

import csv
import os
import re
from collections import namedtuple

from lxml import etree

from odoo.exceptions import AccessError

SUITE = ("aftersales_service", "aftersales_returns", "aftersales_contracts")
VIEW_TYPES = ("form", "list", "kanban", "search")
ATTRIBUTES = ("string", "placeholder", "confirm", "title", "sum")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{2,}")
QWEB_ATTR = re.compile(r"^t-|^data-")
STATIC_TRUE = {"1", "True", "true"}
# selections that list names, not words: time zones, languages (their own names)
NAME_SELECTIONS = {"tz", "lang"}

Label = namedtuple("Label", "model view view_type where text")


def is_english(text):
    """Latin words and no Chinese: left untranslated."""
    return bool(WORD.search(text)) and not CJK.search(text)


def suite_models(env, root_xmlid="aftersales_service.menu_aftersales_root"):
    """{model name: defining module} of the suite's models, of the models of
    OCA modules that the suite extends, and of the OCA models the After-Sales
    menus open."""
    cr = env.cr
    cr.execute(
        """
        SELECT m.model, array_agg(d.module ORDER BY d.id)
          FROM ir_model m
          JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
         GROUP BY m.model
        """
    )
    rows = cr.fetchall()
    oca = set(
        env["ir.module.module"]
        .sudo()
        .search(
            [
                ("state", "=", "installed"),
                ("author", "ilike", "Odoo Community Association"),
            ]
        )
        .mapped("name")
    )
    found = {}
    for model, modules in rows:
        if model not in env or not (set(modules) & set(SUITE)):
            continue
        origin = modules[0]
        if origin in SUITE or origin in oca:
            found[model] = origin
    origins = {model: modules[0] for model, modules in rows}
    root = env.ref(root_xmlid, raise_if_not_found=False)
    if root:
        menus = env["ir.ui.menu"].search([("id", "child_of", root.id)])
        for action in filter(None, menus.mapped("action")):
            model = action._name == "ir.actions.act_window" and action.res_model
            if model and model in env and origins.get(model) in oca:
                found.setdefault(model, origins[model])
    return found


def _static_invisible(node):
    return (
        node.get("invisible") in STATIC_TRUE
        or node.get("column_invisible") in STATIC_TRUE
    )


def _path(node):
    """A short, readable location of a node: tag[name|string] chain."""
    parts = []
    while node is not None and node.tag not in ("form", "list", "kanban", "search"):
        key = node.get("name") or node.get("string") or node.get("for") or ""
        parts.append(f"{node.tag}[{key}]" if key else node.tag)
        node = node.getparent()
    return "/".join(reversed(parts))


class _Walker:
    def __init__(self, env, model, view, view_type):
        self.env = env
        self.model = model
        self.view = view
        self.view_type = view_type
        self.labels = []
        self._fields = {}

    def _describe(self, model, name):
        if model not in self._fields:
            # all fields at once: some models' fields_get only copes with that
            self._fields[model] = self.env[model].fields_get(
                attributes=["string", "selection", "type", "relation"]
            )
        return self._fields[model].get(name)

    def add(self, node, text, what):
        text = (text or "").strip()
        if text:
            where = f"{_path(node)} {what}".strip()
            self.labels.append(
                Label(self.model, self.view, self.view_type, where, text)
            )

    def walk(self, node, model):
        if not isinstance(node.tag, str) or _static_invisible(node):
            return
        if node.tag in ("script", "style"):
            return
        field_model = model
        if node.tag == "field" and node.get("name"):
            desc = self._describe(model, node.get("name"))
            in_kanban_card = self.view_type == "kanban"
            if desc:
                if (
                    not node.get("string")
                    and node.get("nolabel") not in STATIC_TRUE
                    and not in_kanban_card
                ):
                    self.add(node, desc.get("string"), "(field label)")
                if node.get("name") not in NAME_SELECTIONS:
                    for _value, label in desc.get("selection") or []:
                        self.add(node, label, "(selection value)")
                if desc.get("relation"):
                    field_model = desc["relation"]
        for attr in ATTRIBUTES:
            if node.get(attr) and not (attr == "sum" and node.get(attr) in STATIC_TRUE):
                self.add(node, node.get(attr), f"@{attr}")
        if node.text and not QWEB_ATTR.match(node.tag):
            self.add(node, node.text, "(text)")
        for child in node:
            self.walk(child, field_model)
            if (
                isinstance(child.tag, str)
                and child.tail
                and not _static_invisible(child)
            ):
                self.add(node, child.tail, "(text)")


def scan_views(env, models=None):
    labels = []
    models = models or suite_models(env)
    views = env["ir.ui.view"].search(
        [
            ("model", "in", list(models)),
            ("mode", "=", "primary"),
            ("type", "in", VIEW_TYPES),
        ]
    )
    xmlids = views.get_external_id()
    for view in views:
        model = env[view.model]
        try:
            arch = model.get_view(view.id, view.type)["arch"]
        except AccessError:
            continue  # a screen this user never opens
        root = etree.fromstring(arch)
        walker = _Walker(
            env, view.model, xmlids.get(view.id) or f"ir.ui.view,{view.id}", view.type
        )
        walker.walk(root, view.model)
        for attr in ATTRIBUTES:
            if root.get(attr):
                walker.add(root, root.get(attr), f"@{attr}")
        labels.extend(walker.labels)
    return labels


def scan_menus(env, root_xmlid="aftersales_service.menu_aftersales_root"):
    root = env.ref(root_xmlid)
    labels = []
    menus = env["ir.ui.menu"].search([("id", "child_of", root.id)])
    for menu in menus:
        xmlid = menu.get_external_id().get(menu.id) or f"ir.ui.menu,{menu.id}"
        labels.append(Label("ir.ui.menu", xmlid, "menu", menu.complete_name, menu.name))
        action = menu.action
        if action and action._name == "ir.actions.act_window":
            labels.append(
                Label(
                    action.res_model,
                    xmlid,
                    "menu",
                    f"{menu.complete_name} (window title)",
                    action.name,
                )
            )
    return labels


def scan(env):
    return scan_views(env) + scan_menus(env)


def load_allowlist(path):
    """[{label, where, status, reason}] of the reviewed English labels: where
    is '*', a model or a view / menu xml id; status 'keep' (stays English) or
    'todo' (a known defect of another branch, to fix)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["where"] = row["where"].strip() or "*"
    return rows


def allowed(label, allowlist):
    """The allow-list line that covers this label, or None."""
    for row in allowlist:
        if row["label"] == label.text and row["where"] in (
            "*",
            label.model,
            label.view,
        ):
            return row
    return None


def allowlist_path(env):
    from odoo.modules.module import get_module_path

    return os.path.join(
        os.path.dirname(get_module_path("aftersales_service")),
        "i18n_src",
        "zh_labels_allowlist.csv",
    )


def format_labels(labels):
    lines = []
    for label in sorted(set(labels)):
        lines.append(
            f"{label.model:<28} {label.view_type:<6} {label.view:<55} "
            f"{label.where}: {label.text!r}"
        )
    return "\n".join(lines)


def install_zh_cn(env, modules=None):
    """Activate zh_CN and load its translations, as Settings > Languages does
    (all installed modules, or the given ones)."""
    env["res.lang"]._activate_lang("zh_CN")
    domain = [("state", "=", "installed")]
    if modules:
        domain.append(("name", "in", list(modules)))
    env["ir.module.module"].search(domain)._update_translations("zh_CN")
