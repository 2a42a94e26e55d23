# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError

MANAGER_GROUP = "aftersales_service.group_aftersales_manager"
USER_GROUP = "aftersales_service.group_aftersales_user"


class ResUsers(models.Model):
    _inherit = "res.users"

    aftersales_unavailable = fields.Boolean(
        string="Unavailable for Tickets",
        help="Skipped by the automatic ticket assignment (leave, training...).",
    )

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["aftersales_unavailable"]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["aftersales_unavailable"]

    # ------------------------------------------------------------------
    # The one manager check of the suite
    # ------------------------------------------------------------------
    def _aftersales_is_manager(self):
        """Whether this user (default: the current one) is an after-sales
        manager."""
        user = self or self.env.user
        return user.has_group(MANAGER_GROUP)

    def _aftersales_is_user(self):
        user = self or self.env.user
        return user.has_group(USER_GROUP)

    def _aftersales_check_manager(self, record=None, action=None):
        """Refuse unless the user is an after-sales manager, naming the
        record and what was attempted."""
        user = self or self.env.user
        if user._aftersales_is_manager():
            return True
        env = self.env
        if record is not None and action:
            message = env._(
                "Only an after-sales manager can %(action)s %(record)s.",
                action=action,
                record=", ".join(record.mapped("display_name")[:3]),
            )
        elif action:
            message = env._("Only an after-sales manager can %s.", action)
        else:
            message = env._("This needs an after-sales manager.")
        raise AccessError(message)
