# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AftersalesCacheMixin(models.AbstractModel):
    """Records some after-sales rule reads through an ``ormcache``
    (forbidden phrases, territories, service points): creating or deleting
    one, or changing a field the cache holds, clears the caches of every
    worker."""

    _name = "aftersales.cache.mixin"
    _description = "After-Sales: records read through a cache"

    # the fields the cache holds; empty: any field
    _aftersales_cache_fields = frozenset()

    def _aftersales_clear_cache(self):
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._aftersales_clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        if not self._aftersales_cache_fields or self._aftersales_cache_fields & set(
            vals
        ):
            self._aftersales_clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self._aftersales_clear_cache()
        return res
