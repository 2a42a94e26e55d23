"""End-to-end scenarios against a running Odoo, over JSON-RPC, as an integrator.

tools/test.sh starts the server on loopback and sets ODOO_URL, ODOO_DB,
ODOO_LOGIN and ODOO_PASSWORD.
"""

import itertools
import os

import pytest
import requests


class OdooRPC:
    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.db = db
        self.password = password
        self._ids = itertools.count(1)
        self.session = requests.Session()
        self.uid = self.call("common", "login", db, login, password)
        assert self.uid, f"cannot log in as {login}"

    def call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": {"service": service, "method": method, "args": list(args)},
        }
        resp = self.session.post(f"{self.url}/jsonrpc", json=payload, timeout=60)
        resp.raise_for_status()
        body = resp.json()
        if body.get("error"):
            raise RPCError(body["error"])
        return body.get("result")  # Odoo omits "result" when a method returns None

    def __call__(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


class RPCError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message")
        super().__init__(f"{self.name}: {self.message}")


@pytest.fixture(scope="session")
def odoo():
    url = os.environ.get("ODOO_URL")
    if not url:
        pytest.fail("ODOO_URL is not set: run these through tools/test.sh")
    return OdooRPC(
        url,
        os.environ["ODOO_DB"],
        os.environ.get("ODOO_LOGIN", "admin"),
        os.environ.get("ODOO_PASSWORD", "admin"),
    )
