# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fields that only actions may set: one mechanism for every model.

A model lists its guarded fields (states, approvals, overrides, audit fields
who/when, money figures) by extending ``_aftersales_guarded_fields()``::

    def _aftersales_guarded_fields(self):
        return super()._aftersales_guarded_fields() | {"state", "approved_by_id"}

A stored computed field whose value the creating action gives to ``create``
is declared with ``**GIVEN_ON_CREATE`` (tools/guard.py) and is guarded by
that alone.

From then on, ``create``, ``write`` and ``copy`` refuse any change to those
fields unless they run inside an action (``_aftersales_action_write``,
``_aftersales_action_create`` or ``with action_scope():``), whatever the
client sends and whatever the caller's rights (sudo included). Values that
change nothing are let through: a field's own default on create, the current
value on write. The superuser itself (data files, the scheduler) is trusted.

The check is installed at the top of each model's class when the registry is
ready (the way ``base_automation`` patches models), so it sees the values as
the client sent them, before any override adds its own. Guarded fields are
shown read-only in every view, and ``fields_get`` marks them with
``aftersales_guarded`` so an integrator can list them.
"""

from odoo import SUPERUSER_ID, api, models, tools
from odoo.exceptions import UserError

from ..tools.guard import action_scope, in_action_scope


def _make_create(origin):
    @api.model_create_multi
    def create(self, vals_list, **kwargs):
        self._aftersales_guard_check_create(vals_list)
        # the overrides below add the values their actions give to create:
        # on copies, so that a caller creating again with the same dict is
        # checked on what it sent, not on what a previous create added
        vals_list = [dict(vals) for vals in vals_list]
        return create.origin(self, vals_list, **kwargs)

    create.origin = origin
    return create


def _make_write(origin):
    def write(self, vals, **kwargs):
        self._aftersales_guard_check_write(vals)
        return write.origin(self, vals, **kwargs)

    write.origin = origin
    return write


def _make_copy(origin):
    def copy(self, default=None):
        if default:
            self._aftersales_guard_check_create([default])
        # copy_data comes from stored records, not from the client
        with action_scope():
            return copy.origin(self, default=default)

    copy.origin = origin
    return copy


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _valid_field_parameter(self, field, name):
        return name == "aftersales_given" or super()._valid_field_parameter(field, name)

    @api.model
    @tools.ormcache()
    def _aftersales_given_fields(self):
        """The fields declared with ``GIVEN_ON_CREATE`` (tools/guard.py)."""
        return frozenset(
            fname
            for fname, field in self._fields.items()
            if getattr(field, "aftersales_given", False)
        )

    @api.model
    def _aftersales_guarded_fields(self):
        """Names of the fields only actions may set (extend with ``|``):
        the fields their creating action gives to create, and the ones each
        model lists."""
        return self._aftersales_given_fields()

    # ------------------------------------------------------------------
    # Writing guarded fields from an action
    # ------------------------------------------------------------------
    def _aftersales_action_write(self, vals):
        with action_scope():
            return self.write(vals)

    @api.model
    def _aftersales_action_create(self, vals_list):
        with action_scope():
            return self.create(vals_list)

    # ------------------------------------------------------------------
    # The check
    # ------------------------------------------------------------------
    def _aftersales_guard_trusted(self):
        return in_action_scope() or self.env.uid == SUPERUSER_ID

    def _aftersales_guard_refuse(self, fname, record=None):
        field = self._fields[fname]
        label = field._description_string(self.env)
        what = record.display_name if record else self._description
        raise UserError(
            self.env._(
                "%(record)s: the field '%(field)s' is set by its action "
                "(button, wizard or scheduled job), not written directly.",
                record=what,
                field=label,
            )
        )

    @staticmethod
    def _aftersales_guard_cache(field, record, value):
        try:
            return field.convert_to_cache(value, record, validate=False)
        except Exception:  # noqa: BLE001 - any odd value counts as a change
            return object()

    def _aftersales_guard_check_create(self, vals_list):
        guarded = self._aftersales_guarded_fields()
        if not guarded or self._aftersales_guard_trusted():
            return
        for vals in vals_list:
            for fname in guarded.intersection(vals):
                value = vals[fname]
                if not value:
                    continue
                field = self._fields[fname]
                default = field.default(self) if field.default else False
                new = self.browse()
                if self._aftersales_guard_cache(
                    field, new, value
                ) != self._aftersales_guard_cache(field, new, default):
                    self._aftersales_guard_refuse(fname)

    def _aftersales_guard_check_write(self, vals):
        guarded = self._aftersales_guarded_fields()
        if not guarded or self._aftersales_guard_trusted():
            return
        for fname in guarded.intersection(vals):
            field = self._fields[fname]
            for record in self:
                if self._aftersales_guard_cache(
                    field, record, vals[fname]
                ) != self._aftersales_guard_cache(field, record, record[fname]):
                    self._aftersales_guard_refuse(fname, record)

    # ------------------------------------------------------------------
    # Installation at the top of the class, and the views
    # ------------------------------------------------------------------
    def _register_hook(self):
        res = super()._register_hook()
        if self._abstract or not self._aftersales_guarded_fields():
            return res
        cls = self.env.registry[self._name]
        if not cls.__dict__.get("_aftersales_guard_installed"):
            cls.create = _make_create(cls.create)
            cls.write = _make_write(cls.write)
            cls.copy = _make_copy(cls.copy)
            cls._aftersales_guard_installed = True
        return res

    def _unregister_hook(self):
        cls = self.env.registry[self._name]
        if cls.__dict__.get("_aftersales_guard_installed"):
            for name in ("create", "write", "copy"):
                method = cls.__dict__.get(name)
                if method is not None and hasattr(method, "origin"):
                    delattr(cls, name)
            del cls._aftersales_guard_installed
        return super()._unregister_hook()

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        res = super().fields_get(allfields=allfields, attributes=attributes)
        guarded = self._aftersales_guarded_fields()
        if guarded:
            for fname in guarded.intersection(res):
                if attributes is None or "readonly" in attributes:
                    res[fname]["readonly"] = True
                if attributes is None or "aftersales_guarded" in attributes:
                    res[fname]["aftersales_guarded"] = True
        return res
