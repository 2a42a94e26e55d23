#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lint gate: fails on any lint error of the repository.

    pip install -r requirements-lint.txt
    python tools/lint.py [--root DIR] [--fix]

Runs, with the versions pinned in requirements-lint.txt:

1. ``ruff check`` (the rules of .ruff.toml, OCA's 18.0 set);
2. ``ruff format --check``;
3. ``pylint`` with the ``pylint_odoo`` plugin and the OCA checks of .pylintrc
   on the addons (every folder holding a ``__manifest__.py``);
4. file hygiene: trailing whitespace, a final newline, no CR line ends, no
   merge-conflict markers, well-formed XML.

Exits 1 when any of them reports something; ``--fix`` lets ruff fix and
format first (what the pre-commit hooks do). The same checks run in CI
(tools/test.sh), in ``pre-commit run -a`` (local hooks, no clones) and by
hand.
"""

import argparse
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

DEFAULT_ROOT = Path(__file__).resolve().parent.parent
# as the exclude of .pre-commit-config.yaml
EXCLUDED_PARTS = ("/static/lib/", "/static/src/lib/")
EXCLUDED_SUFFIXES = (".po", ".pot", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf")
TEXT_SUFFIXES = (
    ".py",
    ".xml",
    ".csv",
    ".js",
    ".scss",
    ".css",
    ".md",
    ".rst",
    ".txt",
    ".toml",
    ".yml",
    ".yaml",
    ".cfg",
    ".sh",
    ".html",
    ".json",
)


def tracked_files(root):
    """Files of the work tree (git's list when it is a repository)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
        files = [root / f for f in out if f]
    except (OSError, subprocess.CalledProcessError):
        files = [
            p
            for p in root.rglob("*")
            if p.is_file() and ".git" not in p.parts and "__pycache__" not in p.parts
        ]
    return sorted(p for p in files if p.is_file())


def hygiene(root):
    problems = []
    for path in tracked_files(root):
        rel = path.relative_to(root).as_posix()
        if (
            path.suffix not in TEXT_SUFFIXES
            and path.name not in ("run", ".gitignore", ".pylintrc")
        ) or path.suffix in EXCLUDED_SUFFIXES:
            continue
        if any(part in f"/{rel}" for part in EXCLUDED_PARTS):
            continue
        data = path.read_bytes()
        if not data:
            continue
        readme_fragment = "/readme/" in f"/{rel}"
        text = data.decode("utf-8", errors="replace")
        lines = text.split("\n")
        conflict = any(line.startswith("<<<<<<< ") for line in lines)
        for number, line in enumerate(lines, 1):
            if line.endswith((" ", "\t")) and not readme_fragment:
                problems.append(f"{rel}:{number}: trailing whitespace")
            if line.startswith(("<<<<<<< ", ">>>>>>> ")) or (
                conflict and line == "======="
            ):
                problems.append(f"{rel}:{number}: merge conflict marker")
        if b"\r" in data:
            problems.append(f"{rel}: CR line endings (use LF)")
        if not data.endswith(b"\n"):
            problems.append(f"{rel}: no newline at the end of the file")
        if path.suffix == ".xml":
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                problems.append(f"{rel}: XML syntax error: {error}")
    return problems


def run(title, cmd, root):
    print(f"lint: {title}: {' '.join(str(c) for c in cmd)}", flush=True)
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).rstrip()
    if output:
        print(output)
    return proc.returncode


def main(argv=None):
    parser = argparse.ArgumentParser(description="The lint gate")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--fix", action="store_true", help="let ruff fix and format")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    py = sys.executable
    failed = []
    if args.fix:
        run("ruff fix", [py, "-m", "ruff", "check", "--fix", "--quiet", "."], root)
        run("ruff format", [py, "-m", "ruff", "format", "--quiet", "."], root)
    if run("ruff check", [py, "-m", "ruff", "check", "--no-fix", "."], root):
        failed.append("ruff check")
    if run("ruff format", [py, "-m", "ruff", "format", "--check", "."], root):
        failed.append("ruff format")
    addons = sorted(p.parent.name for p in root.glob("*/__manifest__.py"))
    pylint = [py, "-m", "pylint", "--rcfile=.pylintrc", "--output-format=text", *addons]
    if addons and run("pylint-odoo", pylint, root):
        failed.append("pylint-odoo")
    problems = hygiene(root)
    print(f"lint: file hygiene: {len(problems)} problem(s)")
    for problem in problems:
        print(problem)
    if problems:
        failed.append("file hygiene")
    if failed:
        print(f"lint: FAILED ({', '.join(failed)})")
        return 1
    print("lint: clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
