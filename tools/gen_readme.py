#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each addon's README.rst (and static/description/index.html) from its
readme fragments, the OCA way.

    python tools/gen_readme.py           # write them
    python tools/gen_readme.py --check   # exit 1 when one is not current

Follows OCA's oca-gen-addon-readme (maintainer-tools, not on PyPI): the
fragments ``readme/DESCRIPTION.md``, ``CONTEXT``, ``INSTALL``, ``CONFIGURE``,
``USAGE``, ``DEVELOP``, ``ROADMAP``, ``HISTORY``, ``CONTRIBUTORS``, ``CREDITS``
(``.md``, or ``.rst``) are converted with pandoc (pypandoc-binary, GitHub
flavoured Markdown without raw HTML nor automatic identifiers) and laid out
as OCA's template does: title, generated-file notice with the source digest,
badges, description, table of contents, sections, bug tracker, credits
(authors from the manifest, contributors, maintainers from the manifest's
``maintainers``). The HTML page is rendered from README.rst by docutils.
"""

import argparse
import ast
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANDOC_FORMAT = "gfm-raw_html-gfm_auto_identifiers"
SECTIONS = [  # fragment, title (level 2, "="), in OCA's order
    ("CONTEXT", "Use Cases / Context"),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("DEVELOP", "Development"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
]
CREDIT_SECTIONS = [("CONTRIBUTORS", "Contributors"), ("CREDITS", "Other credits")]
LEVEL3 = {"DESCRIPTION": 0, "CONTRIBUTORS": 1, "CREDITS": 1}  # heading shift
STATUS_BADGES = {
    "alpha": ("maturity-Alpha-red", "Alpha"),
    "beta": ("maturity-Beta-yellow", "Beta"),
    "production/stable": ("maturity-Production%2FStable-green", "Production/Stable"),
    "mature": ("maturity-Mature-brightgreen", "Mature"),
}
LICENSES = {
    "AGPL-3": ("license-AGPL--3-blue", "http://www.gnu.org/licenses/agpl-3.0-standalone.html"),
    "LGPL-3": ("license-LGPL--3-blue", "http://www.gnu.org/licenses/lgpl-3.0-standalone.html"),
    "GPL-3": ("license-GPL--3-blue", "http://www.gnu.org/licenses/gpl-3.0-standalone.html"),
}  # fmt: skip
# as pypa/readme_renderer and OCA: no file insertion, no raw HTML, stop on warnings
RST2HTML = {
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "halt_level": 2,
    "smart_quotes": True,
    "syntax_highlight": "short",
    "output_encoding": "utf-8",
    "math_output": "MathJax",
}


def addons():
    return sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))


MANIFEST_KEYS = (  # what README.rst shows of the manifest
    "name", "version", "license", "author", "website", "maintainers",
    "development_status",
)  # fmt: skip


def read_manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text("utf-8"))


def source_digest(addon_dir):
    """sha256 of the fragments (names and contents) and of the manifest's keys
    the README shows (a new data file does not make it stale)."""
    h = hashlib.sha256()
    for path in sorted((addon_dir / "readme").glob("*")):
        if path.is_file() and not path.name.startswith("."):
            h.update(path.relative_to(addon_dir).as_posix().encode())
            h.update(path.read_bytes())
    manifest = read_manifest(addon_dir)
    h.update(repr([(k, manifest.get(k)) for k in MANIFEST_KEYS]).encode())
    return f"sha256:{h.hexdigest()}"


def fragment(addon_dir, name):
    """The fragment as reStructuredText, or None."""
    md, rst = addon_dir / "readme" / f"{name}.md", addon_dir / "readme" / f"{name}.rst"
    if md.exists() and rst.exists():
        raise SystemExit(f"{addon_dir.name}: both {md.name} and {rst.name}: keep one")
    if rst.exists():
        text = rst.read_text(encoding="utf-8")
    elif md.exists():
        import pypandoc  # noqa: PLC0415

        text = pypandoc.convert_text(
            md.read_text(encoding="utf-8"),
            "rst",
            format=PANDOC_FORMAT,
            extra_args=[f"--shift-heading-level-by={LEVEL3.get(name, 0)}"],
            sandbox=True,
        )
    else:
        return None
    text = text.strip("\n")
    return text + "\n" if text else None


def badge_lines(badges):
    lines = []
    for i, (image, target, alt) in enumerate(badges, 1):
        lines += [f".. |badge{i}| image:: {image}", f"    :target: {target}"]
        lines.append(f"    :alt: {alt}")
    lines += ["", " ".join(f"|badge{i}|" for i in range(1, len(badges) + 1))]
    return lines


def section(title, body, underline="="):
    return [title, underline * len(title), "", body.rstrip("\n"), ""]


def render(addon_dir):
    manifest = read_manifest(addon_dir)
    name = addon_dir.name
    website = manifest.get("website", "")
    m = re.match(r"https://github.com/([^/]+)/([^/]+)", website)
    org, repo = (m.group(1), m.group(2)) if m else ("", "")
    branch = ".".join(manifest["version"].split(".")[:2])
    status = manifest.get("development_status", "Beta").lower()
    badges = []
    if status in STATUS_BADGES:
        slug, alt = STATUS_BADGES[status]
        badges.append(
            (
                f"https://img.shields.io/badge/{slug}.png",
                "https://odoo-community.org/page/development-status",
                alt,
            )
        )
    if manifest.get("license") in LICENSES:
        slug, url = LICENSES[manifest["license"]]
        badges.append(
            (
                f"https://img.shields.io/badge/{slug}.png",
                url,
                f"License: {manifest['license']}",
            )
        )
    if org:
        badges.append(
            (
                f"https://img.shields.io/badge/github-{org.replace('-', '--')}%2F"
                f"{repo.replace('-', '--')}-lightgray.png?logo=github",
                f"{website}/tree/{branch}/{name}",
                f"{org}/{repo}",
            )
        )
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out += [
        "..",
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "   !! This file is generated by tools/gen_readme.py     !!",
        "   !! from readme/*.md: changes here will be overwritten !!",
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        f"   !! source digest: {source_digest(addon_dir)}",
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "",
    ]
    out += badge_lines(badges) + [""]
    description = fragment(addon_dir, "DESCRIPTION")
    if description:
        out += [description.rstrip("\n"), ""]
    out += ["**Table of contents**", "", ".. contents::", "   :local:", ""]
    for key, heading in SECTIONS:
        body = fragment(addon_dir, key)
        if body:
            out += section(heading, body)
    if org:
        issues = f"https://github.com/{org}/{repo}/issues"
        out += section(
            "Bug Tracker",
            f"Bugs are tracked on `GitHub Issues <{issues}>`_.\n"
            "In case of trouble, please check there if your issue has already "
            "been reported.\nIf you spotted it first, help us to smash it by "
            "providing a detailed and welcomed\n"
            f"`feedback <{issues}/new?body=module:%20{name}%0Aversion:%20{branch}"
            "%0A%0A**Steps%20to%20reproduce**%0A-%20...%0A%0A**Current%20behavior**"
            "%0A%0A**Expected%20behavior**>`_.\n\n"
            "Do not contact contributors directly about support or help with "
            "technical issues.",
        )
    out += ["Credits", "=======", ""]
    authors = [a.strip() for a in manifest.get("author", "").split(",") if a.strip()]
    if authors:
        out += section("Authors", "\n".join(f"* {a}" for a in authors), "-")
    for key, heading in CREDIT_SECTIONS:
        body = fragment(addon_dir, key)
        if body:
            out += section(heading, body, "-")
    out += ["Maintainers", "-----------", ""]
    maintainers = manifest.get("maintainers") or []
    for login in maintainers:
        out += [
            f".. |maintainer-{login}| image:: https://github.com/{login}.png?size=40px",
            f"    :target: https://github.com/{login}",
            f"    :alt: {login}",
        ]
    if maintainers:
        plural = "s" if len(maintainers) > 1 else ""
        out += [
            "",
            f"Current maintainer{plural}:",
            "",
            " ".join(f"|maintainer-{login}|" for login in maintainers),
            "",
        ]
    if org:
        out += [
            f"This module is part of the `{org}/{repo} "
            f"<{website}/tree/{branch}/{name}>`_ project on GitHub.",
            "",
            "You are welcome to contribute.",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def render_html(readme_text):
    from docutils.core import publish_string  # noqa: PLC0415

    html = publish_string(
        readme_text, writer_name="html4css1", settings_overrides=RST2HTML
    )
    # no XML declaration (Odoo 17+ warns about it in a module description,
    # as OCA's generator strips it)
    html = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", html)
    # no docutils version in the page: no change when docutils changes
    return re.sub(rb"(<meta.*generator.*Docutils)\s*[\d.]+", rb"\1", html)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when stale")
    args = parser.parse_args(argv)
    stale = []
    for addon_dir in addons():
        if (
            not (addon_dir / "readme" / "DESCRIPTION.md").exists()
            and not (addon_dir / "readme" / "DESCRIPTION.rst").exists()
        ):
            continue
        text = render(addon_dir)
        readme = addon_dir / "README.rst"
        index = addon_dir / "static" / "description" / "index.html"
        digest = source_digest(addon_dir)
        if args.check:
            render_html(text)  # docutils errors (halt on warnings) fail the check
            if not readme.exists() or readme.read_text("utf-8") != text:
                stale.append(str(readme.relative_to(ROOT)))
            if not index.exists() or digest not in index.read_text("utf-8"):
                stale.append(str(index.relative_to(ROOT)))
            continue
        render_html(text)  # docutils errors stop here, before writing
        readme.write_text(text, encoding="utf-8")
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_bytes(render_html(text))
        print(f"readme: wrote {readme.relative_to(ROOT)} and {index.relative_to(ROOT)}")
    if args.check:
        if stale:
            print("readme: not current (run python tools/gen_readme.py):")
            for path in stale:
                print(f"  {path}")
            return 1
        print(f"readme: README.rst and index.html of {len(addons())} addons current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
