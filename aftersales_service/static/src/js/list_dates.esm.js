/* Copyright 2026 The After-Sales Suite Authors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
/**
 * Dates that survive Chinese in list views.
 *
 * Odoo sizes date and datetime columns for the short western formats (80 and
 * 145 px); the Chinese formats (2026年12月28日 20时58分) are longer and get
 * cut off ("2026年12月…"). The columns are sized here for the reader's own
 * format, measured with the page's font; and a datetime in a list reads
 * without seconds unless the view asks for them (show_seconds), in list cells
 * and wherever Odoo formats a datetime of a view, and in form fields.
 */
import {registry} from "@web/core/registry";
import {formatDate, formatDateTime} from "@web/core/l10n/dates";
import {exprToBoolean} from "@web/core/utils/strings";

const {DateTime} = luxon;
const SAMPLE = DateTime.local(2026, 12, 28, 20, 58, 58);
// the cell's horizontal padding, and a margin for the widest digits
const PADDING = 28;
let context = null;

function textWidth(text) {
    if (!context) {
        context = document.createElement("canvas").getContext("2d");
    }
    const style = getComputedStyle(document.body);
    context.font = `${style.fontSize || "14px"} ${style.fontFamily || "sans-serif"}`;
    return Math.ceil(context.measureText(text).width);
}

const fields = registry.category("fields");

function sized(name, text, extra = {}) {
    if (!fields.contains(name)) {
        return;
    }
    const entry = fields.get(name);
    const own = entry.listViewWidth;
    fields.add(
        name,
        {
            ...entry,
            ...extra,
            listViewWidth: (info) => {
                const base = typeof own === "function" ? own(info) : own;
                if (Array.isArray(base)) {
                    return base;
                }
                const fallback = info.type === "datetime" ? 145 : 80;
                return Math.max(base || fallback, textWidth(text()) + PADDING);
            },
        },
        {force: true}
    );
}

sized("list.date", () => formatDate(SAMPLE));
const listDateTime = fields.contains("list.datetime") && fields.get("list.datetime");
sized("list.datetime", () => formatDateTime(SAMPLE, {showSeconds: false}), {
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...listDateTime.extractProps(fieldInfo, dynamicInfo),
        showSeconds: exprToBoolean(fieldInfo.options.show_seconds ?? false),
    }),
});

// Read-only list cells (and other views showing formatted values) go through
// the "datetime" formatter: the same default, without seconds.
const formatters = registry.category("formatters");
const formatDateTimeValue = formatters.get("datetime");
function formatDateTimeNoSeconds(value, options) {
    return formatDateTimeValue(value, options);
}
formatDateTimeNoSeconds.extractOptions = (fieldInfo) => ({
    ...formatDateTimeValue.extractOptions(fieldInfo),
    showSeconds: exprToBoolean(fieldInfo.options.show_seconds ?? false),
});
formatters.add("datetime", formatDateTimeNoSeconds, {force: true});

// Form fields too: a datetime reads without seconds unless the view asks
// (show_seconds), as in lists; the picker then works in whole minutes.
if (fields.contains("datetime")) {
    const formDateTime = fields.get("datetime");
    fields.add(
        "datetime",
        {
            ...formDateTime,
            extractProps: (fieldInfo, dynamicInfo) => ({
                ...formDateTime.extractProps(fieldInfo, dynamicInfo),
                showSeconds: exprToBoolean(fieldInfo.options.show_seconds ?? false),
            }),
        },
        {force: true}
    );
}
