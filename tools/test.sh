#!/usr/bin/env bash
# Run every test of the After-Sales suite on real Odoo 18 and PostgreSQL.
#
#   tools/test.sh
#
# 1. finds Odoo 18.0 (importable by $AFTERSALES_PYTHON, or a source tree in
#    $ODOO_PATH) and installs the Python and OCA dependencies into a virtualenv;
# 2. starts a throwaway PostgreSQL cluster on 127.0.0.1 (random free port,
#    removed afterwards) and creates a fresh database;
# 3. installs the three addons with --test-enable, running only their tests;
# 4. starts Odoo on loopback and runs the root tests/ (JSON-RPC end to end)
#    and the bench/ scripts at a small size;
# 5. prints one line "N passed, N failed" over all of it.
#
# Environment: AFTERSALES_DB_HOST/_PORT/_USER/_PASSWORD (use that PostgreSQL
# server instead of a throwaway cluster), AFTERSALES_NO_BROWSER=1 (no Chromium:
# tours are skipped, for images without one), ODOO_PATH (an Odoo 18.0 source tree), AFTERSALES_VENV (the
# virtualenv, default ~/.cache/aftersales/venv), AFTERSALES_PYTHON (use this
# interpreter as is, no virtualenv), KEEP_DB=1 (leave the cluster running).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ADDONS="aftersales_service,aftersales_returns,aftersales_contracts"
TAGS="/aftersales_service,/aftersales_returns,/aftersales_contracts"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/aftersales-test.XXXXXX")
LOG="$WORK/odoo-tests.log"
PG_PID=""
ODOO_PID=""

say() { printf '[test] %s\n' "$*"; }
die() {
    printf '[test] ERROR: %s\n' "$*" >&2
    printf '0 passed, 1 failed\n'
    exit 1
}

# --- Python and Odoo --------------------------------------------------------
if [[ -n "${AFTERSALES_PYTHON:-}" ]]; then
    PY=$AFTERSALES_PYTHON
else
    VENV=${AFTERSALES_VENV:-$HOME/.cache/aftersales/venv}
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "creating virtualenv $VENV"
        base=$(command -v python3.11 || command -v python3) || die "no python3 found"
        "$base" -m venv "$VENV" || die "cannot create a virtualenv in $VENV"
    fi
    PY=$VENV/bin/python
fi
SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

if [[ -n "${ODOO_PATH:-}" ]]; then
    [[ -f "$ODOO_PATH/odoo/release.py" ]] || die "ODOO_PATH=$ODOO_PATH is not an Odoo source tree (no odoo/release.py)"
    echo "$ODOO_PATH" >"$SITE/aftersales-odoo-src.pth"
fi

odoo_version() {
    "$PY" -c 'import odoo.release as r; print(r.serie)' 2>/dev/null || true
}
if [[ -z "$(odoo_version)" && -n "${ODOO_PATH:-}" && -f "$ODOO_PATH/requirements.txt" ]]; then
    say "installing Odoo's Python requirements from $ODOO_PATH/requirements.txt"
    "$PY" -m pip install -q "setuptools<70" wheel
    grep -v -i 'python-ldap' "$ODOO_PATH/requirements.txt" >"$WORK/odoo-req.txt"
    "$PY" -m pip install -q --no-build-isolation -r "$WORK/odoo-req.txt" ||
        say "some of Odoo's pinned requirements did not install; trying on"
fi
SERIE=$(odoo_version)
if [[ "$SERIE" != "18.0" ]]; then
    die "Odoo 18.0 is not importable by $PY (found: '${SERIE:-nothing}'). Install Odoo 18.0 Community in that environment, or set ODOO_PATH to an Odoo 18.0 source tree (the folder holding odoo-bin)."
fi
"$PY" -c 'import odoo.cli' || die "Odoo 18.0 is there but its Python requirements are missing: pip install -r <odoo>/requirements.txt"
ODOO_SRC=$(dirname "$("$PY" -c 'import os, odoo; print(os.path.dirname(odoo.__file__))')")

say "installing the OCA addons and test requirements"
"$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements.txt" 2> >(grep -v "is ignored: it is neither" >&2) ||
    die "pip could not install requirements.txt"
"$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements-test.txt" 2> >(grep -v "is ignored: it is neither" >&2) ||
    die "pip could not install requirements-test.txt"

# --- Chromium for the tours -------------------------------------------------
if [[ -n "${AFTERSALES_NO_BROWSER:-}" ]]; then
    say "AFTERSALES_NO_BROWSER is set: Odoo skips the browser tours"
elif ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null && ! command -v google-chrome >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "installing chromium for the HttpCase tours"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >"$WORK/apt.log" 2>&1 ||
            die "could not install chromium (see $WORK/apt.log)"
    else
        die "no Chromium found: the tours need it (apt-get install chromium)"
    fi
fi

# --- A CJK font for the Chinese PDFs (the official odoo image has it) --------
if command -v fc-list >/dev/null && [[ -z "$(fc-list :lang=zh family 2>/dev/null)" ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "installing fonts-noto-cjk for the Chinese PDFs"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk) >"$WORK/apt-fonts.log" 2>&1 ||
            say "could not install fonts-noto-cjk (see $WORK/apt-fonts.log): the Chinese PDF test will fail"
    else
        say "no Chinese font found (apt-get install fonts-noto-cjk): the Chinese PDF test will fail"
    fi
fi

# --- PostgreSQL: a throwaway cluster, or a given server (docker compose) --------
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    local rc=$?
    [[ -n "$ODOO_PID" ]] && kill "$ODOO_PID" 2>/dev/null && wait "$ODOO_PID" 2>/dev/null
    if [[ -z "${KEEP_DB:-}" ]]; then
        if [[ "$PG_PID" == started ]]; then
            as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1
        elif [[ "$PG_PID" == external ]]; then
            "$PY" - "$DB" <<'PYEOF' >/dev/null 2>&1 || true
import os, sys, psycopg2
c = psycopg2.connect(host=os.environ["AFTERSALES_DB_HOST"], port=os.environ.get("AFTERSALES_DB_PORT", "5432"),
                     user=os.environ.get("AFTERSALES_DB_USER", "odoo"), password=os.environ.get("AFTERSALES_DB_PASSWORD", ""), dbname="postgres")
c.autocommit = True
c.cursor().execute('DROP DATABASE IF EXISTS "%s"' % sys.argv[1])
PYEOF
        fi
        rm -rf "$WORK"
    else
        say "kept: database $DB, files in $WORK"
    fi
    exit $rc
}
trap cleanup EXIT
DB=aftersales_test
if [[ -n "${AFTERSALES_DB_HOST:-}" ]]; then
    # An existing server (the docker compose "tests" service): a fresh, uniquely
    # named database on it, dropped afterwards.
    DB=aftersales_test_$$
    PGPORT=${AFTERSALES_DB_PORT:-5432}
    DB_ARGS=(--db_host "$AFTERSALES_DB_HOST" --db_port "$PGPORT" --db_user "${AFTERSALES_DB_USER:-odoo}" --db_password "${AFTERSALES_DB_PASSWORD:-}")
    PG_PID=external
else
    PGBIN=$(pg_config --bindir 2>/dev/null || true)
    [[ -x "$PGBIN/initdb" ]] || PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [[ -x "$PGBIN/initdb" ]] || die "PostgreSQL server binaries (initdb, pg_ctl) not found"
    PGPORT=$(free_port)
    PGDATA=$WORK/pgdata
    if [[ $(id -u) == 0 ]]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
        chmod 755 "$WORK"
        mkdir -p "$PGDATA" && chown postgres "$PGDATA"
    fi
    say "starting PostgreSQL on 127.0.0.1:$PGPORT"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U odoo -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
        as_pg "$PGBIN/initdb" -D "$PGDATA" -U odoo -A trust -E UTF8 >"$WORK/initdb.log" 2>&1 ||
        die "initdb failed: $(tail -3 "$WORK/initdb.log")"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
        -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || die "PostgreSQL did not start: $(tail -3 "$PGDATA/server.log")"
    PG_PID=started
    DB_ARGS=(--db_host 127.0.0.1 --db_port "$PGPORT" --db_user odoo)
fi
ODOO=("$PY" "$ODOO_SRC/odoo-bin" "${DB_ARGS[@]}"
    --addons-path "$ROOT" --data-dir "$WORK/filestore" --without-demo= --log-handler=werkzeug:WARNING)
[[ -f "$ODOO_SRC/odoo-bin" ]] || ODOO=("$PY" -m odoo "${ODOO[@]:2}")

# --- 1. Addon tests (TransactionCase, HttpCase tours, portal routes) ---------
say "installing $ADDONS into a fresh database with tests enabled (log: $LOG)"
HTTP_PORT=$(free_port)
set +e
"${ODOO[@]}" -d "$DB" -i "$ADDONS" --test-enable --test-tags "$TAGS" \
    --http-port "$HTTP_PORT" --http-interface 127.0.0.1 --stop-after-init \
    --log-level=test >"$LOG" 2>&1
ODOO_RC=$?
set -e
grep -E "(ERROR|CRITICAL|FAIL:|odoo.tests.stats|when loading database)" "$LOG" | cut -c1-400 | tail -60 || true

read -r U_TOTAL U_FAILED < <("$PY" - "$LOG" <<'EOF'
import re, sys
total = failed = 0
text = open(sys.argv[1], errors="replace").read()
for m in re.finditer(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database", text):
    failed += int(m.group(1)) + int(m.group(2))
    total += int(m.group(3))
print(total, failed)
EOF
)
ERRORS=$(grep -cE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$LOG" || true)
if [[ "$U_TOTAL" == 0 ]]; then
    say "no addon test ran: the install failed (odoo exit code $ODOO_RC)"
    tail -40 "$LOG"
    U_FAILED=$((U_FAILED + 1))
elif [[ "$U_FAILED" == 0 && ( "$ERRORS" != 0 || "$ODOO_RC" != 0 ) ]]; then
    say "$ERRORS ERROR line(s) in the log, odoo exit code $ODOO_RC, although every test passed: counted as one failure"
    U_FAILED=1
fi
U_PASSED=$((U_TOTAL - U_FAILED))
[[ $U_PASSED -lt 0 ]] && U_PASSED=0
say "addon tests: $U_PASSED passed, $U_FAILED failed"

# --- 2. End-to-end tests over JSON-RPC, and benchmarks -----------------------
E_PASSED=0
E_FAILED=0
if [[ $U_TOTAL -gt 0 ]]; then
    RPC_PORT=$(free_port)
    say "starting Odoo on 127.0.0.1:$RPC_PORT for the end-to-end tests"
    "${ODOO[@]}" -d "$DB" --db-filter "^$DB\$" --http-port "$RPC_PORT" \
        --http-interface 127.0.0.1 --max-cron-threads 0 --workers 0 \
        >"$WORK/odoo-server.log" 2>&1 &
    ODOO_PID=$!
    for _ in $(seq 1 120); do
        if "$PY" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$RPC_PORT/web/health', timeout=2)" 2>/dev/null; then
            break
        fi
        sleep 1
    done
    set +e
    ODOO_URL="http://127.0.0.1:$RPC_PORT" ODOO_DB="$DB" ODOO_LOGIN=admin ODOO_PASSWORD=admin \
        "$PY" -m pytest -q -p no:cacheprovider "$ROOT/tests" >"$WORK/pytest.log" 2>&1
    PYTEST_RC=$?
    set -e
    cat "$WORK/pytest.log"
    read -r E_PASSED E_FAILED < <("$PY" - "$WORK/pytest.log" "$PYTEST_RC" <<'EOF'
import re, sys
text = open(sys.argv[1], errors="replace").read()
rc = int(sys.argv[2])
last = [l for l in text.splitlines() if re.search(r"\d+ (passed|failed|error)", l)]
line = last[-1] if last else ""
get = lambda w: sum(int(n) for n in re.findall(r"(\d+) " + w, line))
passed, failed = get("passed"), get("failed") + get("errors?")
if rc not in (0, 5) and failed == 0:
    failed = 1
print(passed, failed)
EOF
)
    kill "$ODOO_PID" 2>/dev/null; wait "$ODOO_PID" 2>/dev/null || true
    ODOO_PID=""

    for bench in "$ROOT"/bench/bench_*.py; do
        [[ -e "$bench" ]] || continue
        say "benchmark $(basename "$bench") (small size)"
        if BENCH_SIZE=${BENCH_SIZE:-small} "$PY" "$bench" "${DB_ARGS[@]}" \
            -d "$DB" --addons-path "$ROOT" --data-dir "$WORK/filestore" 2>"$WORK/bench.err"; then
            E_PASSED=$((E_PASSED + 1))
        else
            tail -20 "$WORK/bench.err"
            E_FAILED=$((E_FAILED + 1))
        fi
    done
fi

PASSED=$((U_PASSED + E_PASSED))
FAILED=$((U_FAILED + E_FAILED))
echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]] || exit 1
