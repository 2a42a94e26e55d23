/* Copyright 2026 The After-Sales Suite Authors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const PDF =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n" +
    "trailer<</Root 1 0 R>>\n%%EOF\n";

function selectByText(select, text) {
    const option = [...select.options].find((o) => o.textContent.trim() === text);
    select.value = option.value;
    select.dispatchEvent(new Event("change", {bubbles: true}));
}

registry.category("web_tour.tours").add("aftersales_returns_portal", {
    url: "/my/orders",
    steps: () => [
        {
            content: "Open the order",
            trigger: 'a:contains("SO-PORTAL-WANG")',
            run: "click",
        },
        {
            content: "Open the return request",
            trigger: 'a:contains("Request RMAs")',
            run: "click",
        },
        {
            content: "Return one unit of the first line",
            trigger: "input[name='0-quantity']",
            run() {
                this.anchor.value = "1";
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Say what you would like: a refund",
            trigger: "select[name='0-requested_remedy']",
            run: "select refund",
        },
        {
            content: "Give the reason: a quality problem",
            trigger: "select[name='0-reason_id']",
            run() {
                selectByText(this.anchor, "Quality problem");
            },
        },
        {
            content: "The reason asks for a test report",
            trigger: ".aftersales-evidence[data-kind='test_report']:not(.d-none)",
        },
        {
            content: "Give the package state",
            trigger: "select[name='0-package_state']",
            run: "select opened",
        },
        {
            content: "Attach the test report",
            trigger: "input[name='0-evidence_test_report']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File([PDF], "test_report.pdf", {type: "application/pdf"})
                );
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Submit the request",
            trigger: "#form-request-rma button[type='submit']:not([disabled])",
            run: "click",
        },
        {
            content: "The return page shows the checks the customer can act on",
            trigger: "#aftersales_verdicts li:contains('Test report')",
        },
        {
            content: "and the progress",
            trigger: "#aftersales_progress",
        },
    ],
});
