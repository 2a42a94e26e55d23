#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Test of the lint gate itself: a deliberately bad file makes it fail.

    python tools/test_lint_gate.py

Copies the repository to a temporary folder, adds a bad Python file to an
addon (unused import, unformatted code, a ``print``, trailing whitespace),
runs tools/lint.py on the copy and requires it to fail and to name the file
in every section (ruff check, ruff format, pylint-odoo, file hygiene); then
removes the file, runs the gate again and requires the file to be gone from
its report. The repository itself is never touched.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "aftersales_service/models/lint_gate_probe.py"
BAD = (
    "# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).\n"
    "import os\n"
    "def probe( x ):   \n"
    "    print('lint gate probe')\n"
    "    return x\n"
)


def copy_repo(dest):
    try:
        files = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):  # no git (a container)
        shutil.copytree(
            ROOT,
            dest,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".git", "__pycache__", "*.pyc"),
        )
        return
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def gate(root):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "lint.py"), "--root", str(root)],
        capture_output=True,
        text=True,
    )
    return proc.returncode, proc.stdout + proc.stderr


def sections(output):
    """Lines of the gate's report, by section title."""
    found, current = {}, None
    for line in output.splitlines():
        if line.startswith("lint: "):
            current = line[6:].split(":")[0]
            found.setdefault(current, [])
        elif current:
            found[current].append(line)
    return found


def main():
    failures = []
    with tempfile.TemporaryDirectory(prefix="aftersales-lint-gate-") as tmp:
        root = Path(tmp)
        copy_repo(root)
        (root / PROBE).write_text(BAD, encoding="utf-8")
        rc, output = gate(root)
        report = sections(output)
        if rc == 0:
            failures.append("the gate passed with a bad file")
        for title in ("ruff check", "ruff format", "pylint-odoo", "file hygiene"):
            if not any("lint_gate_probe.py" in line for line in report.get(title, [])):
                failures.append(f"{title} did not report the bad file")
        (root / PROBE).unlink()
        _rc, output = gate(root)
        if "lint_gate_probe" in output:
            failures.append("the bad file is still reported after its removal")
    if failures:
        print("lint gate test: FAILED: " + "; ".join(failures))
        print(output[-3000:])
        return 1
    print(
        "lint gate test: a bad file fails ruff check, ruff format, pylint-odoo "
        "and file hygiene; once removed, it is gone from the report"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
