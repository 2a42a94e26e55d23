# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A customer who signs in reads the portal in their own language.

Odoo's portal pages take their language from the URL, then from the
``frontend_lang`` cookie, then from the user. The sign-in page sets that
cookie to the visitor's language before anyone is signed in (the browser's,
usually English), so a Chinese customer who signs in lands on an English
portal. Once signed in, the cookie follows the user's language; choosing
another language on the portal still changes it."""

from odoo import http
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome


class AftersalesLoginLang(AuthSignupHome):
    @http.route()
    def web_login(self, *args, **kw):
        response = super().web_login(*args, **kw)
        uid = request.session.uid
        if (
            uid
            and request.httprequest.method == "POST"
            and getattr(response, "status_code", 200) in (301, 302, 303)
        ):
            lang = request.env["res.users"].sudo().browse(uid).lang
            frontend = request.env["res.lang"]._get_frontend()
            if lang and lang in frontend:
                response.set_cookie("frontend_lang", lang)
        return response
