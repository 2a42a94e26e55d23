# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the benchmarks share: databases, Odoo servers, the anchor's app list.

The bench scripts are called as tools/test.sh does:

    BENCH_SIZE=small python bench/bench_X.py --db_host H --db_port P \
        --db_user U [--db_password W] -d DB --addons-path ROOT [--data-dir D]

``-d DB`` names the suite's test database; the scripts that build their own
databases name them after it (``DB_bench_anchor``...) unless BENCH_PREFIX is
set, and drop them at the end unless BENCH_KEEP=1.
"""

import ast
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITE = ("aftersales_service", "aftersales_returns", "aftersales_contracts")


def suite_depends():
    """The apps the suite is built on: every dependency of its manifests that
    is not one of its own addons (Odoo's and the OCA's), in one place."""
    deps = set()
    for addon in SUITE:
        manifest = ast.literal_eval(
            (ROOT / addon / "__manifest__.py").read_text(encoding="utf-8")
        )
        deps.update(manifest.get("depends", []))
    return sorted(deps - set(SUITE))


def size_name():
    return os.environ.get("BENCH_SIZE", "small")


def split_args(argv):
    """(Odoo's options without -d, the database of -d)."""
    args, db = [], None
    it = iter(argv)
    for arg in it:
        if arg in ("-d", "--database"):
            db = next(it)
        elif arg.startswith("--database="):
            db = arg.split("=", 1)[1]
        else:
            args.append(arg)
    return args, db


class Bench:
    """Odoo's options of the script, and what to do with databases."""

    def __init__(self, argv):
        from odoo.tools import config  # noqa: PLC0415

        self.argv, self.db = split_args(argv)
        config.parse_config(
            [*self.argv, "--log-level=warn", *(["-d", self.db] if self.db else [])]
        )
        self.config = config
        self.prefix = (
            os.environ.get("BENCH_PREFIX") or f"{self.db or 'aftersales'}_bench"
        )
        self.keep = bool(os.environ.get("BENCH_KEEP"))
        # odoo-bin's job, through a file that prefork's gevent process can rerun
        self.odoo_cmd = [sys.executable, str(ROOT / "bench" / "_odoo_server.py")]

    # -- PostgreSQL ---------------------------------------------------------
    def pg(self, dbname="postgres"):
        import psycopg2  # noqa: PLC0415

        c = self.config
        conn = psycopg2.connect(
            dbname=dbname,
            host=c["db_host"] or None,
            port=c["db_port"] or None,
            user=c["db_user"] or None,
            password=c["db_password"] or None,
        )
        conn.autocommit = True
        return conn

    def settle(self, name):
        """VACUUM ANALYZE a database: the measures before (rolled back) leave
        dead rows, more on the side that did more work; a timed figure then
        starts from a settled database, the same on both sides."""
        conn = self.pg(name)
        with conn.cursor() as cr:
            cr.execute("VACUUM ANALYZE")
        conn.close()

    def db_exists(self, name):
        with self.pg() as conn, conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            return bool(cr.fetchone())

    def drop_db(self, name):
        from odoo.modules.registry import Registry  # noqa: PLC0415

        Registry.delete(name)
        import odoo.sql_db  # noqa: PLC0415

        odoo.sql_db.close_db(name)
        conn = self.pg()
        with conn.cursor() as cr:
            cr.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid != pg_backend_pid()",
                (name,),
            )
            cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.close()
        shutil.rmtree(self.filestore(name), ignore_errors=True)

    def copy_db(self, src, dst):
        """A copy of a database and its filestore (CREATE DATABASE TEMPLATE)."""
        self.drop_db(dst)
        import odoo.sql_db  # noqa: PLC0415

        odoo.sql_db.close_db(src)
        conn = self.pg()
        with conn.cursor() as cr:
            cr.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid != pg_backend_pid()",
                (src,),
            )
            cr.execute(f'CREATE DATABASE "{dst}" TEMPLATE "{src}"')
        conn.close()
        if self.filestore(src).is_dir():
            shutil.copytree(self.filestore(src), self.filestore(dst))

    def filestore(self, name):
        return Path(self.config.filestore(name))

    # -- Odoo processes -----------------------------------------------------
    def odoo(self, db, *args, log=None, **popen):
        cmd = [*self.odoo_cmd, *self.argv, "-d", db, *args]
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, **popen)

    def run_odoo(self, db, *args, log=None):
        proc = self.odoo(db, *args, "--stop-after-init", log=log)
        rc = proc.wait()
        if rc:
            tail = Path(log).read_text(errors="replace")[-3000:] if log else ""
            raise RuntimeError(f"odoo {' '.join(args)} on {db} failed ({rc})\n{tail}")

    def install(self, db, modules, log):
        self.run_odoo(
            db,
            "-i",
            ",".join(modules),
            "--without-demo=all",
            "--log-level=warn",
            "--no-http",
            log=log,
        )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port, proc, timeout=180):
    """Wait for /web/health; False when the server died or never answered."""
    import urllib.request  # noqa: PLC0415

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=2)
            return True
        except OSError:
            time.sleep(0.5)
    return False


def stop(proc, sig=signal.SIGTERM, timeout=60):
    if proc.poll() is not None:
        return proc.returncode
    proc.send_signal(sig)
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def ratio(ours, theirs):
    return ours / theirs if theirs else float("inf")
