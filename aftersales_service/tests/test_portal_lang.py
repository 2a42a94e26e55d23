# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, new_test_user, tagged

from . import zh_labels


@tagged("post_install", "-at_install")
class TestPortalLang(HttpCase):
    """A Chinese customer reads the portal in Chinese: the page says its
    language, so its scripts (the chatter: "Send", "Write a message…",
    "Today") load their Chinese terms, and signing in keeps the customer's
    language whatever the sign-in page's cookie said."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        zh_labels.install_zh_cn(cls.env)
        cls.portal = new_test_user(
            cls.env,
            login="zh_lang_portal",
            password="zh_lang_portal_pw",
            groups="base.group_portal",
            lang="zh_CN",
            name="王芳",
        )

    def test_page_says_its_language(self):
        self.authenticate("zh_lang_portal", "zh_lang_portal_pw")
        html = self.url_open("/zh_CN/my").text
        self.assertRegex(html, r'<html[^>]* lang="zh-CN"')
        html = self.url_open("/en/my").text
        self.assertRegex(html, r'<html[^>]* lang="en-US"')

    def test_scripts_get_chatter_terms(self):
        response = self.url_open("/website/translations/test?lang=zh_CN")
        body = response.json()
        self.assertIn("mail", body["modules"])
        self.assertIn("aftersales_service", body["modules"])
        terms = {
            message["id"]: message["string"]
            for module in body["modules"].values()
            for message in module["messages"]
        }
        self.assertEqual(terms["Write a message…"], "写信息...")
        self.assertEqual(terms["Send"], "发送")
        self.assertEqual(terms["Today"], "今天")

    def test_sign_in_keeps_the_customers_language(self):
        # the sign-in page, seen before anyone signs in, sets English
        self.url_open("/en/my")
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "en_US")
        html = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        response = self.url_open(
            "/web/login",
            data={
                "login": "zh_lang_portal",
                "password": "zh_lang_portal_pw",
                "csrf_token": token,
            },
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "zh_CN")
        html = self.url_open("/my").text
        self.assertRegex(html, r'<html[^>]* lang="zh-CN"')

    def test_failed_sign_in_sets_no_language(self):
        html = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        self.url_open(
            "/web/login",
            data={
                "login": "zh_lang_portal",
                "password": "wrong",
                "csrf_token": token,
            },
        )
        self.assertNotEqual(self.opener.cookies.get("frontend_lang"), "zh_CN")
