/* Copyright 2026 The After-Sales Suite Authors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The return request form: each line shows the evidence uploads its reason
 * asks for, and only those.
 */
publicWidget.registry.AftersalesReturnRequest = publicWidget.Widget.extend({
    selector: "#form-request-rma",
    events: {
        "change select.aftersales-reason": "_onReasonChange",
    },

    start() {
        for (const select of this.el.querySelectorAll("select.aftersales-reason")) {
            this._apply(select);
        }
        return this._super(...arguments);
    },

    _onReasonChange(ev) {
        this._apply(ev.currentTarget);
    },

    _apply(select) {
        const row = select.closest("tr");
        if (!row) {
            return;
        }
        const option = select.selectedOptions[0];
        const kinds = ((option && option.dataset.kinds) || "")
            .split(",")
            .filter(Boolean);
        for (const box of row.querySelectorAll(".aftersales-evidence")) {
            box.classList.toggle("d-none", !kinds.includes(box.dataset.kind));
        }
    },
});
