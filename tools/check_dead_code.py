#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No code only tests reach: list the suite's methods nobody calls.

    python tools/check_dead_code.py            # check, exit 1 on new dead code
    python tools/check_dead_code.py --update   # rewrite the reviewed list

A method or function of the three addons is *reached* when its name is used
outside the tests (``tests/`` folders, ``static/tests``, the root ``tests/``
and ``bench/``):

- in the addons' Python code: an attribute (``rec._x()``), a string
  (``compute="_x"``, ``getattr(rec, "_x")``), the head of an f-string
  (``getattr(rec, f"_x_{kind}")`` reaches every ``_x_*``), an import;
  ``super()._x()`` inside an override does not count;
- in XML: a ``type="object"`` button of a view of the same model, or the name
  anywhere else (server actions and crons' ``model._x()``, QWeb, domains);
- in JavaScript or in a readme fragment (``readme/*.md``: a public RPC method
  documented for integrators);
- by Odoo or the OCA addons the suite depends on (the name is defined or
  called there: an override, a framework hook such as ``_get_report_values``);
- through a decorator that makes the framework call it (``api.depends``,
  ``api.constrains``, ``api.onchange``, ``api.ondelete``, ``api.autovacuum``,
  ``http.route``).

Every other method is dead. The check fails on a dead method that is not on
the reviewed list (``tools/dead_code_reviewed.txt``: ``model:method  # why``);
entries of the list that are reached again are reported as stale (not a
failure: run ``--update`` to drop them).
"""

import argparse
import ast
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVIEWED = ROOT / "tools" / "dead_code_reviewed.txt"
FRAMEWORK_DECORATORS = {
    "depends",
    "depends_context",
    "constrains",
    "onchange",
    "ondelete",
    "autovacuum",
    "route",
}
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def suite_addons():
    return sorted(
        p.parent.name
        for p in ROOT.glob("*/__manifest__.py")
        if not p.parent.name.startswith(".")
    )


def is_test_path(path):
    parts = Path(path).parts
    return "tests" in parts or "migrations" in parts


def read_manifest(path):
    return ast.literal_eval(Path(path).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Upstream: Odoo and the OCA addons in the dependency closure
# ---------------------------------------------------------------------------
def addons_paths():
    """Odoo's core addons folders and the installed OCA addons (odoo.addons)."""
    import odoo  # noqa: PLC0415

    import odoo.addons  # noqa: PLC0415

    paths = [Path(p) for p in odoo.addons.__path__]
    core = Path(odoo.__file__).parent
    src = core.parent
    if (src / "addons").is_dir():
        paths.append(src / "addons")
    return core, [p for p in paths if p.is_dir() and p.resolve() != ROOT]


def dependency_closure(addons, paths):
    found = {}
    todo = list(addons)
    ours = set(suite_addons())
    while todo:
        name = todo.pop()
        if name in found:
            continue
        if name in ours:
            manifest = ROOT / name / "__manifest__.py"
        else:
            manifest = next(
                (
                    p / name / "__manifest__.py"
                    for p in paths
                    if (p / name / "__manifest__.py").is_file()
                ),
                None,
            )
        if manifest is None:
            found[name] = None
            continue
        found[name] = manifest.parent
        todo.extend(read_manifest(manifest).get("depends", []))
        if name != "base":
            todo.append("base")
    return {n: d for n, d in found.items() if d is not None and n not in ours}


def upstream_names(core, addon_dirs):
    """Names defined or used as attributes by upstream Python code, and the
    names referenced by its JavaScript (RPC calls of the web client)."""
    names = set()
    files = [
        p
        for p in core.glob("*.py")  # odoo/models.py, fields.py, http.py...
    ]
    files += [p for p in core.glob("service/*.py")]
    files += [p for p in core.glob("tools/*.py")]
    for addon_dir in addon_dirs:
        files += [p for p in addon_dir.rglob("*.py") if not is_test_path(p)]
    for path in files:
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
    for addon_dir in addon_dirs:
        for path in addon_dir.rglob("*.js"):
            if is_test_path(path) or "/lib/" in str(path):
                continue
            names.update(WORD.findall(path.read_text(errors="replace")))
    return names


# ---------------------------------------------------------------------------
# The suite
# ---------------------------------------------------------------------------
def string_value(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def class_models(cls):
    """Model names of an Odoo model class (its _name, else its _inherit)."""
    name = inherit = None
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name) and target.id == "_name":
                name = string_value(stmt.value)
            elif isinstance(target, ast.Name) and target.id == "_inherit":
                if isinstance(stmt.value, ast.List | ast.Tuple):
                    inherit = [string_value(e) for e in stmt.value.elts]
                else:
                    inherit = [string_value(stmt.value)]
    if name:
        return [name]
    return [m for m in inherit or [] if m]


def decorator_names(func):
    out = set()
    for dec in func.decorator_list:
        node = dec.func if isinstance(dec, ast.Call) else dec
        if isinstance(node, ast.Attribute):
            out.add(node.attr)
        elif isinstance(node, ast.Name):
            out.add(node.id)
    return out


class SuiteScan:
    def __init__(self):
        self.definitions = []  # (key, name, path, line, framework)
        self.refs = set()  # names referenced in code that runs
        self.button_refs = set()  # (model, name) of type="object" buttons
        self.prefixes = set()  # f-string method names: f"_x_{kind}"

    def scan(self):
        for addon in suite_addons():
            base = ROOT / addon
            for path in sorted(base.rglob("*")):
                rel = path.relative_to(ROOT)
                if not path.is_file() or is_test_path(rel):
                    continue
                if path.suffix == ".py":
                    self.scan_python(path, rel)
                elif path.suffix == ".xml":
                    self.scan_xml(path)
                elif path.suffix in (".js", ".csv") or (
                    path.suffix == ".md" and rel.parts[1] == "readme"
                ):
                    self.refs.update(WORD.findall(path.read_text(errors="replace")))

    def scan_python(self, path, rel):
        tree = ast.parse(path.read_bytes(), filename=str(path))
        module_key = str(rel.with_suffix("")).replace(os.sep, ".")
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("__"):
                self.definitions.append(
                    (module_key, node.name, rel, node.lineno, False)
                )
            if isinstance(node, ast.ClassDef):
                models = class_models(node)
                key = models[0] if models else f"{module_key}.{node.name}"
                for item in node.body:
                    if not isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        continue
                    if item.name.startswith("__"):
                        continue
                    framework = bool(decorator_names(item) & FRAMEWORK_DECORATORS)
                    self.definitions.append(
                        (key, item.name, rel, item.lineno, framework)
                    )
        self.collect_refs(tree)

    def collect_refs(self, tree):
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr == func.name
                    and isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, ast.Name)
                    and node.value.func.id == "super"
                ):
                    node._aftersales_super = True  # an override calling its parent
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                if not getattr(node, "_aftersales_super", False):
                    self.refs.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                self.refs.update(WORD.findall(node.value))
            elif isinstance(node, ast.JoinedStr) and node.values:
                # getattr(self, f"_prefix_{kind}"): every _prefix_* is reached
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefix = WORD.match(head.value)
                    if (
                        prefix
                        and prefix.group().endswith("_")
                        and len(prefix.group()) > 3
                    ):
                        self.prefixes.add(prefix.group())
            elif isinstance(node, ast.ImportFrom):
                self.refs.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                self.refs.add(node.id)

    def scan_xml(self, path):
        from lxml import etree  # noqa: PLC0415

        tree = etree.parse(str(path))
        for record in tree.iter("record"):
            if record.get("model") != "ir.ui.view":
                continue
            model = record.findtext("field[@name='model']")
            for button in record.iter("button"):
                if button.get("type") == "object" and model:
                    self.button_refs.add((model, button.get("name")))
                    button.set("name", "")  # counted per model, not by name
        text = etree.tostring(tree, encoding="unicode")
        self.refs.update(WORD.findall(text))


def find_dead():
    core, paths = addons_paths()
    addons = set()
    for addon in suite_addons():
        addons.update(read_manifest(ROOT / addon / "__manifest__.py")["depends"])
    closure = dependency_closure(addons, paths)
    upstream = upstream_names(core, closure.values())
    scan = SuiteScan()
    scan.scan()
    dead = []
    for key, name, rel, line, framework in scan.definitions:
        if framework or name in upstream or name in scan.refs:
            continue
        if (key, name) in scan.button_refs:
            continue
        if any(name.startswith(prefix) for prefix in scan.prefixes):
            continue
        dead.append((f"{key}:{name}", f"{rel}:{line}"))
    return sorted(set(dead))


def read_reviewed():
    reviewed = {}
    if REVIEWED.exists():
        for raw in REVIEWED.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            entry, _sep, reason = line.partition("#")
            reviewed[entry.strip()] = reason.strip()
    return reviewed


HEADER = """\
# Methods of the suite that no button, view, cron, controller, JS, readme
# (documented RPC) or other code calls: only tests reach them.
# Each entry is reviewed: keep it with the reason, or remove the code.
# Regenerate with `python tools/check_dead_code.py --update` (keeps reasons).
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the list")
    args = parser.parse_args(argv)
    dead = find_dead()
    reviewed = read_reviewed()
    dead_keys = {key for key, _where in dead}
    if args.update:
        lines = [HEADER]
        for key, where in dead:
            reason = reviewed.get(key) or f"TODO review ({where})"
            lines.append(f"{key}  # {reason}\n")
        REVIEWED.write_text("".join(lines), encoding="utf-8")
        print(
            f"dead code: {len(dead)} method(s) written to {REVIEWED.relative_to(ROOT)}"
        )
        return 0
    new = [(k, w) for k, w in dead if k not in reviewed]
    stale = sorted(set(reviewed) - dead_keys)
    print(f"dead code: {len(dead)} method(s) only tests reach")
    for key, where in dead:
        mark = "reviewed" if key in reviewed else "NEW"
        print(f"  {key:60} {where}  [{mark}]")
    for key in stale:
        print(f"  {key:60} reached again: drop it from the list (--update)")
    if new:
        print(
            f"dead code: FAILED, {len(new)} method(s) with no caller outside "
            "tests: call them from a button, view, cron, controller or "
            "documented RPC, remove them, or add them to "
            f"{REVIEWED.relative_to(ROOT)} with a reason"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
