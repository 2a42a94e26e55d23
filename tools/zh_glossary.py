#!/usr/bin/env python3
"""Check that the suite's Chinese uses the glossary: one term for one thing.

    python tools/zh_glossary.py [PO ...]

Reads i18n_src/glossary.csv (English term, Chinese term, other accepted
forms, scope, notes) and i18n_src/glossary_exceptions.csv (reviewed msgids
where a term legitimately reads otherwise), then every zh_CN.po of the suite
(aftersales_*/i18n/ and the OCA terms in aftersales_*/i18n_extra/) unless
files are given. A msgid containing a glossary term (whole word, plurals and
derived forms such as "escalated", "returns", "categories") whose msgstr holds
neither the Chinese term nor an accepted form is reported, and so is any
msgstr using a variant the glossary avoids (质保, 备件, 门票...); longer terms win
("warranty card" before "warranty", "helpdesk ticket" before "helpdesk").
Markup, placeholders and QWeb expressions are ignored. A rule with a scope
only applies to entries of those modules (the po file's "#. module:" comment).
Exits 1 when something is reported. Used by tests/test_zh_glossary.py.
"""

import csv
import glob
import os
import re
import sys

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GLOSSARY = os.path.join(ROOT, "i18n_src", "glossary.csv")
EXCEPTIONS = os.path.join(ROOT, "i18n_src", "glossary_exceptions.csv")
NOISE = re.compile(
    r"<[^>]*>|\{\{.*?\}\}|\$\{.*?\}|%\([a-z_]+\)[sd]|%[sd]|#[A-Z]+#|"
    r"object\.[\w.]+|[\w.]+_id\b|[a-z]+_[a-z_]+",
    re.DOTALL,
)


def load_glossary(path=GLOSSARY):
    rules = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            english = row["english"].strip().lower()
            stem = re.escape(english).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]")
            if english.endswith("y"):
                stem = stem[:-1] + "(?:y|ies)"
            rules.append(
                {
                    "english": english,
                    "chinese": row["chinese"].strip(),
                    "accept": [a for a in row["accept"].split("|") if a],
                    "avoid": [a for a in row.get("avoid", "").split("|") if a],
                    "scope": {s for s in row["scope"].split("|") if s},
                    "regex": re.compile(
                        r"(?<![A-Za-z])" + stem + r"[a-z]*", re.IGNORECASE
                    ),
                    "notes": row["notes"],
                }
            )
    # longest terms first: "warranty card" claims its words before "warranty"
    rules.sort(key=lambda r: -len(r["english"]))
    return rules


def load_exceptions(path=EXCEPTIONS):
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8", newline="") as f:
        return {
            (row["msgid"], row["term"].strip().lower()) for row in csv.DictReader(f)
        }


def entry_modules(entry):
    for line in entry.comment.splitlines():
        if line.startswith(("module:", "modules:")):
            return {m.strip() for m in line.split(":", 1)[1].split(",")}
    return set()


def terms_in(text, rules):
    """The rules whose English term occurs in text (longest match wins)."""
    text = NOISE.sub(" ", text)
    taken = []
    found = []
    for rule in rules:
        for match in rule["regex"].finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            if rule not in found:
                found.append(rule)
    return found


def check_entry(entry, rules, exceptions, modules=None):
    """[(rule, problem)] for one po entry."""
    if not entry.msgstr or entry.obsolete:
        return []
    modules = modules if modules is not None else entry_modules(entry)
    problems = []
    for rule in terms_in(entry.msgid, rules):
        if rule["scope"] and not (rule["scope"] & modules):
            continue
        if (entry.msgid, rule["english"]) in exceptions:
            continue
        wanted = [rule["chinese"]] + rule["accept"]
        if not any(w in entry.msgstr for w in wanted):
            problems.append(rule)
    for rule in rules:
        if rule["scope"] and not (rule["scope"] & modules):
            continue
        if (entry.msgid, rule["english"]) in exceptions or rule in problems:
            continue
        if any(a in entry.msgstr for a in rule["avoid"]):
            problems.append(rule)
    return problems


def default_files():
    return sorted(
        glob.glob(os.path.join(ROOT, "aftersales_*", "i18n", "zh_CN.po"))
        + glob.glob(os.path.join(ROOT, "aftersales_*", "i18n_extra", "zh_CN.po"))
    )


def check_files(paths=None):
    """[(path, msgid, msgstr, english, chinese)] of every reported entry."""
    rules = load_glossary()
    exceptions = load_exceptions()
    report = []
    for path in paths or default_files():
        for entry in polib.pofile(path):
            for rule in check_entry(entry, rules, exceptions):
                report.append(
                    (
                        os.path.relpath(path, ROOT),
                        entry.msgid,
                        entry.msgstr,
                        rule["english"],
                        rule["chinese"],
                    )
                )
    return report


def main(argv):
    report = check_files(argv or None)
    for path, msgid, msgstr, english, chinese in report:
        print(f"{path}: {english!r} -> {chinese}: {msgid!r} = {msgstr!r}")
    print(f"{len(report)} entries do not use the glossary's term")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
