"""The suite's Chinese (its own zh_CN.po and the OCA terms in i18n_extra) uses
the glossary's terms and keeps every placeholder and tag of the English.

No server needed: these read the po files (tools/zh_glossary.py)."""

import collections
import importlib.util
import os
import re

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location(
    "zh_glossary", os.path.join(ROOT, "tools", "zh_glossary.py")
)
zh_glossary = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(zh_glossary)

PLACEHOLDER = re.compile(
    r"%\([a-z_]+\)[sd]|%[sd]|\{\{.*?\}\}|\{[a-z_]+\}|#[A-Z]+#", re.DOTALL
)
TAG = re.compile(r"<(/?[a-zA-Z0-9]+)[^>]*>")
ATTR = re.compile(r'(t-[a-z-]+|data-oe-[a-z]+|href|class|style|invisible)="([^"]*)"')


def test_glossary_terms_used():
    report = zh_glossary.check_files()
    lines = [
        f"{path}: {english!r} should read {chinese}: {msgid!r} = {msgstr!r}"
        for path, msgid, msgstr, english, chinese in report
    ]
    assert not lines, "\n".join(
        lines
        + ["fix the msgstr, or add a reviewed line to i18n_src/glossary_exceptions.csv"]
    )


def test_glossary_check_flags_a_wrong_term():
    rules = zh_glossary.load_glossary()
    wrong = polib.POEntry(msgid="Warranty Card", msgstr="质保卡", comment="module: x")
    right = polib.POEntry(msgid="Warranty Card", msgstr="保修卡", comment="module: x")
    ticket = polib.POEntry(msgid="Open Tickets", msgstr="未结门票", comment="module: x")
    assert "warranty card" in [
        r["english"] for r in zh_glossary.check_entry(wrong, rules, set())
    ]
    assert zh_glossary.check_entry(right, rules, set()) == []
    assert "ticket" in [
        r["english"] for r in zh_glossary.check_entry(ticket, rules, set())
    ]


def test_every_glossary_term_has_chinese():
    for rule in zh_glossary.load_glossary():
        assert rule["chinese"], rule["english"]
        assert not any(a in rule["chinese"] for a in rule["avoid"]), rule["english"]


def test_placeholders_and_markup_kept():
    bad = []
    for path in zh_glossary.default_files():
        for entry in polib.pofile(path):
            if not entry.msgstr:
                continue
            for regex in (PLACEHOLDER, TAG, ATTR):
                source = collections.Counter(regex.findall(entry.msgid))
                target = collections.Counter(regex.findall(entry.msgstr))
                if source != target:
                    bad.append(
                        f"{os.path.relpath(path, ROOT)}: {entry.msgid[:80]!r}: "
                        f"missing {dict(source - target)}, "
                        f"extra {dict(target - source)}"
                    )
    assert not bad, "\n".join(bad)
