#!/usr/bin/env bash
# Build the three addons as OCA-style wheels (pyproject.toml, whool backend)
# and install them into a fresh virtualenv, then import them from there.
#
#   tools/check_wheels.sh PYTHON OUTDIR
#
# PYTHON is the interpreter of the test virtualenv (Odoo and the OCA addons
# importable, whool installed from requirements-test.txt). The fresh
# virtualenv sees PYTHON's site-packages (Odoo and the OCA wheels) through a
# .pth of its own and gets our wheels with --no-deps, as
# `pip install odoo-addon-aftersales_service` would lay them out.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=$1
OUT=$2
rm -rf "$OUT"
mkdir -p "$OUT/dist"
ADDONS=(aftersales_service aftersales_returns aftersales_contracts)
for addon in "${ADDONS[@]}"; do
    "$PY" -m pip wheel -q --disable-pip-version-check --no-deps --no-build-isolation \
        -w "$OUT/dist" "$ROOT/$addon" 2> >(grep -v "is ignored: it is neither" >&2)
done
ls -1 "$OUT/dist"
VENV=$OUT/venv
"$PY" -m venv --without-pip "$VENV"
VSITE=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
"$PY" - >"$VSITE/aftersales-base-site.pth" <<'PYEOF'
import site, sysconfig
for p in dict.fromkeys([*site.getsitepackages(), sysconfig.get_paths()["purelib"]]):
    print(f"import site; site.addsitedir({p!r})")
PYEOF
"$PY" -m pip --python "$VENV/bin/python" install -q --disable-pip-version-check --no-deps "$OUT"/dist/*.whl \
    2> >(grep -v "is ignored: it is neither" >&2)
cd "$OUT" # not the repository: the addons must come from the wheels
"$VENV/bin/python" - "$VSITE" "${ADDONS[@]}" <<'PYEOF'
import importlib, sys
from importlib.metadata import distribution
from pathlib import Path

site = Path(sys.argv[1]).resolve()
import odoo  # noqa: E402
from odoo.modules.module import get_manifest  # noqa: E402

for name in sys.argv[2:]:
    module = importlib.import_module(f"odoo.addons.{name}")
    where = Path(module.__file__).resolve()
    assert site in where.parents, f"{name} imported from {where}, not from the wheel"
    manifest = get_manifest(name)
    assert manifest and manifest["version"].startswith("18.0."), manifest
    dist = distribution(f"odoo-addon-{name}")
    data = [f for f in dist.files if f.suffix in (".xml", ".csv", ".po")]
    assert data, f"{name}: no data files in the wheel"
    requires = sorted(r.split(";")[0] for r in dist.requires or [])
    print(f"wheel odoo-addon-{name} {dist.version}: imported from {where.parent}, "
          f"{len(dist.files)} files; requires {', '.join(requires)}")
PYEOF
