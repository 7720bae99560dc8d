# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Time and SQL queries per order: request review, approve three stages and
confirm, next to confirmation without any stage, in the same run.

    .venv/bin/python tests/bench/bench_confirm.py -c .odoo/odoo.conf -d order_suite_test

Creates N sale orders of 5 lines for each side (without stages: the suite
installed but not configured, i.e. Odoo's own confirmation; with three
parallel stages), runs one request per order, then rolls everything back.
The last line is one JSON object.
"""

import statistics
import time

from benchlib import run_bench

from odoo import Command


def measure(env, records, method):
    """Per-record time (ms) and queries of `method(record)`."""
    times, queries = [], []
    for record in records:
        env.flush_all()
        count = env.cr.sql_log_count
        start = time.perf_counter()
        method(record)
        env.flush_all()
        times.append((time.perf_counter() - start) * 1000)
        queries.append(env.cr.sql_log_count - count)
    return round(statistics.median(times), 1), round(statistics.mean(queries), 1)


def run(env, count):
    company = env.company
    env["order.review.stage"].search([]).active = False
    products = env["product.product"].search(
        [("sale_ok", "=", True), ("type", "=", "consu")], limit=5
    )
    partner = env["res.partner"].create({"name": "Bench customer"})
    group = env.ref("order_review.group_order_review_user")
    reviewers = env["res.users"].create(
        [
            {
                "name": f"Bench reviewer {i}",
                "login": f"bench_reviewer_{i}",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set([env.ref("base.group_user").id, group.id])],
            }
            for i in range(3)
        ]
    )

    def orders():
        return env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": False,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2})
                        for product in products
                    ],
                }
                for _i in range(count)
            ]
        )

    plain = orders()
    reviewed = orders()
    env.flush_all()
    env.invalidate_all()

    vanilla_ms, vanilla_q = measure(env, plain, lambda o: o.action_confirm())

    env["order.review.stage"].create(
        [
            {
                "name": f"Bench stage {i}",
                "company_id": company.id,
                "user_ids": [Command.set(reviewer.ids)],
            }
            for i, reviewer in enumerate(reviewers)
        ]
    )
    env.invalidate_all()
    request_ms, request_q = measure(env, reviewed, lambda o: o.action_request_review())

    def approve_all(order):
        for review in order.review_ids:
            review.with_user(review.reviewer_ids[:1])._decide(True, "ok")

    approve_ms, approve_q = measure(env, reviewed, approve_all)
    env.invalidate_all()
    confirm_ms, confirm_q = measure(env, reviewed, lambda o: o.action_confirm())
    assert set(reviewed.mapped("state")) == {"sale"}
    return {
        "bench": "confirm",
        "orders": count,
        "lines_per_order": len(products),
        "vanilla_confirm_ms": vanilla_ms,
        "vanilla_confirm_queries": vanilla_q,
        "request_review_ms": request_ms,
        "request_review_queries": request_q,
        "approve_3_stages_ms": approve_ms,
        "approve_3_stages_queries": approve_q,
        "reviewed_confirm_ms": confirm_ms,
        "reviewed_confirm_queries": confirm_q,
        "confirm_time_ratio": round(confirm_ms / vanilla_ms, 3),
        "confirm_extra_queries": round(confirm_q - vanilla_q, 1),
    }


if __name__ == "__main__":
    run_bench(__doc__, run, "--orders", 300)
