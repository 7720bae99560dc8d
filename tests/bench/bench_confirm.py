# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Time and SQL queries per order: request review (in one batch for all the
orders, as a list view's action does), approve three stages and confirm,
next to confirmation without any stage, in the same run; the whole review
flow's extra queries per order (request + three decisions + confirmation,
less Odoo's own confirmation) in ``review_flow_extra_queries``.

    .venv/bin/python tests/bench/bench_confirm.py -c .odoo/odoo.conf -d order_suite_test

Creates 3 × N sale orders of 5 lines: the first N are confirmed before any
stage exists (the suite installed, not configured: Odoo's own confirmation);
then three parallel stages are configured for the last N, which are reviewed,
approved and confirmed, interleaved with the confirmation of the middle N (no
stage applies to them), so that both sides meet the same caches and load.
Everything is rolled back.
The last line is one JSON object.
"""

import statistics
import time

from benchlib import run_bench

from odoo import Command


def measure(env, records, method, raw=False):
    """Per-record time (ms) and queries of `method(record)`: their median
    and mean, or the list of (ms, queries) with `raw`."""
    figures = []
    for record in records:
        env.flush_all()
        count = env.cr.sql_log_count
        start = time.perf_counter()
        method(record)
        env.flush_all()
        figures.append(((time.perf_counter() - start) * 1000, env.cr.sql_log_count - count))
    return figures if raw else summarize(figures)


def summarize(figures):
    return (
        round(statistics.median(ms for ms, _q in figures), 1),
        round(statistics.mean(q for _ms, q in figures), 1),
    )


def run(env, count):
    company = env.company
    env["order.review.stage"].search([]).active = False
    products = env["product.product"].search(
        [("sale_ok", "=", True), ("type", "=", "consu")], limit=5
    )
    if len(products) < 5:  # a database without demo data
        products = env["product.product"].create(
            [{"name": f"Bench product {i}", "type": "consu", "list_price": 10.0} for i in range(5)]
        )
    partner = env["res.partner"].create({"name": "Bench customer"})
    group = env.ref("order_review.group_order_review_user")
    reviewers = env["res.users"].create(
        [
            {
                "name": f"Bench reviewer {i}",
                "login": f"bench_reviewer_{i}",
                "email": f"bench_reviewer_{i}@example.com",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set([env.ref("base.group_user").id, group.id])],
            }
            for i in range(3)
        ]
    )

    def orders(ref=False):
        return env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "client_order_ref": ref,
                    "user_id": False,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2})
                        for product in products
                    ],
                }
                for _i in range(count)
            ]
        )

    vanilla = orders()
    plain = orders()
    reviewed = orders("REVIEWED")
    env.flush_all()
    env.invalidate_all()
    # Odoo's own confirmation: the suite installed, no stage configured
    vanilla_ms, vanilla_q = measure(env, vanilla, lambda o: o.action_confirm())

    env["order.review.stage"].create(
        [
            {
                "name": f"Bench stage {i}",
                "company_id": company.id,
                "domain": "[('client_order_ref', '=', 'REVIEWED')]",
                "user_ids": [Command.set(reviewer.ids)],
            }
            for i, reviewer in enumerate(reviewers)
        ]
    )
    env.invalidate_all()
    # one order at a time (the button on a form), then the rest in one batch
    single, batch = reviewed[:10], reviewed[10:]
    single_ms, single_q = measure(env, single, lambda o: o.action_request_review())
    env.flush_all()
    count_before = env.cr.sql_log_count
    start = time.perf_counter()
    batch.action_request_review()
    env.flush_all()
    request_ms = round((time.perf_counter() - start) * 1000 / len(batch), 1)
    request_q = round((env.cr.sql_log_count - count_before) / len(batch), 1)

    def approve_all(order):
        for review in order.review_ids:
            review.with_user(review.reviewer_ids[:1])._decide(True, "ok")

    approve_ms, approve_q = measure(env, reviewed, approve_all)
    env.invalidate_all()
    # confirmations interleaved, so that both sides meet the same caches and load
    plain_figures, reviewed_figures = [], []
    for plain_order, reviewed_order in zip(plain, reviewed, strict=True):
        plain_figures += measure(env, plain_order, lambda o: o.action_confirm(), raw=True)
        reviewed_figures += measure(env, reviewed_order, lambda o: o.action_confirm(), raw=True)
    unmatched_ms, unmatched_q = summarize(plain_figures)
    confirm_ms, confirm_q = summarize(reviewed_figures)
    assert {"sale"} == set((vanilla | plain | reviewed).mapped("state"))
    return {
        "bench": "confirm",
        "orders": count,
        "lines_per_order": len(products),
        "vanilla_confirm_ms": vanilla_ms,
        "vanilla_confirm_queries": vanilla_q,
        "no_stage_applies_confirm_ms": unmatched_ms,
        "no_stage_applies_confirm_queries": unmatched_q,
        "request_review_single_ms": single_ms,
        "request_review_single_queries": single_q,
        "request_review_batch_ms": request_ms,
        "request_review_batch_queries": request_q,
        "approve_3_stages_ms": approve_ms,
        "approve_3_stages_queries": approve_q,
        "reviewed_confirm_ms": confirm_ms,
        "reviewed_confirm_queries": confirm_q,
        # reviewed confirmation against confirmation of the orders measured
        # alongside it (same caches, same load), and against the first run
        "confirm_time_ratio": round(confirm_ms / unmatched_ms, 3),
        "confirm_time_ratio_vs_vanilla": round(confirm_ms / vanilla_ms, 3),
        "confirm_extra_queries": round(confirm_q - vanilla_q, 1),
        # request (batch) + three decisions + confirmation, less Odoo's own
        # confirmation: what the review flow costs an order
        "review_flow_extra_queries": round(request_q + approve_q + confirm_q - vanilla_q, 1),
    }


if __name__ == "__main__":
    run_bench(__doc__, run, "--orders", 300)
