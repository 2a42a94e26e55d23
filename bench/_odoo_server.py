# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""odoo-bin for the benchmarks' servers: ``python bench/_odoo_server.py ARGS``.

Runs Odoo's command line as odoo-bin does. In prefork mode (``--workers``)
Odoo's master respawns its ``gevent`` process from this same file; where the
environment's pkg_resources cannot resolve gevent's own requirements (an old
setuptools beside new-style dist-info names such as ``zope_interface``), that
process dies at start and the master respawns it every second, which would
weigh on the measures. Entry points are therefore loaded without resolving
their distribution's requirements (what importlib.metadata does).
"""

import os
import sys

os.environ["TZ"] = "UTC"  # as odoo-bin: the server's timezone, before time is used

try:
    import pkg_resources

    pkg_resources.EntryPoint.require = lambda self, env=None, installer=None: None
except ImportError:  # pragma: no cover - no setuptools: nothing to work around
    pass

import odoo  # noqa: E402
import odoo.cli  # noqa: E402

if __name__ == "__main__":
    sys.exit(odoo.cli.main())
