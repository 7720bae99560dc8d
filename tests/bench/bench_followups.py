# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Time and SQL queries of the follow-up cron
(``order.production.followup._cron_create_followups``: the order follow-up
R-PLN-22, the readiness check R-PLN-23, the supplier ship-date confirmation
R-PLN-32) on many open orders and purchase lines, at two sizes (N / 5 then N
orders with 4 purchase lines each), to show that it makes no query per
source.

    .venv/bin/python tests/bench/bench_followups.py -c .odoo/odoo.conf -d order_suite_test \\
        --orders 5000

Sets up a company on the seeds' working hours (Asia/Shanghai) with its
manufacturing and purchasing departments and the supplier policy; builds
one effective order with its issued plan and one confirmed purchase order
through the ORM, then copies them with SQL (the orders, their instructions,
plans and assembly-start steps; purchase orders of 100 lines) so that every
plan is due for its follow-up and its readiness check and every line for its
confirmation; runs the cron from cold caches at each size (the second run
only sees the new sources). The queries that grow are Odoo's own INSERT and
UPDATE statements, 100 rows each (the follow-ups, their activities and
followers): a few per 100 sources, none per source. Everything is rolled
back. The last line is one JSON object.
"""

import time

from benchlib import run_bench

from odoo import Command, fields

LINES_PER_ORDER = 4
LINES_PER_PURCHASE = 100


def setup(env):
    """The company's calendar, departments, people, the supplier policy; one
    effective order with its issued plan, one confirmed purchase order."""
    company = env.company
    env["order.review.stage"].search([]).active = False
    # the addons are importable once the configuration is read
    from odoo.addons.order_review.tests.common import seeds_calendar

    company.resource_calendar_id = seeds_calendar(env, company)
    planner = env.ref("order_production_plan.group_order_production_plan_planner")

    def user(login, groups):
        return env["res.users"].create(
            {
                "name": f"Bench {login}",
                "login": f"bench_{login}",
                "email": f"bench_{login}@example.com",
                "tz": "Asia/Shanghai",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set([env.ref("base.group_user").id, *groups])],
            }
        )

    head = user("mfg_head", [planner.id])
    buyer = user("buyer", [env.ref("purchase.group_purchase_user").id])
    clerk = user("clerk", [env.ref("sales_team.group_sale_salesman").id])
    department = env["order.department"]
    company.write(
        {
            "order_plan_auto_instruction": False,
            "order_plan_department_id": department.create(
                {"name": "Bench manufacturing", "company_id": company.id, "manager_id": head.id}
            ).id,
            "order_plan_purchase_department_id": department.create(
                {"name": "Bench purchasing", "company_id": company.id, "manager_id": buyer.id}
            ).id,
            "order_effective_signature": False,
            "order_effective_payment": False,
        }
    )
    policies = env["order.sla.policy"]
    policies.search([("code", "in", ("supplier_confirmation", "supplier_dispatch"))]).active = False
    policy = policies.create(
        {
            "name": "Bench: supplier confirmation",
            "code": "supplier_confirmation",
            "company_id": company.id,
            "direction": "backward",
            "duration": 5,
            "duration_unit": "working_days",
        }
    )
    calendar = company.resource_calendar_id
    now = fields.Datetime.now().replace(microsecond=0)
    # due tomorrow (working): the follow-up and the readiness check are due now
    delivery = policy._shift(calendar, [now], 1, "working_days")[0]
    receipt = policy._shift(calendar, [now], 3, "working_days")[0]
    vendor = env["res.partner"].create({"name": "Bench vendor"})
    product = env["product.product"].create(
        {
            "name": "Bench cabinet",
            "is_storable": True,
            "seller_ids": [Command.create({"partner_id": vendor.id, "price": 20})],
        }
    )
    customer = env["res.partner"].create({"name": "Bench customer"})
    order = env["sale.order"].create(
        {
            "partner_id": customer.id,
            "user_id": clerk.id,
            "commitment_date": delivery,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        }
    )
    order.action_confirm()
    instruction = order._create_production_instructions()
    instruction.action_issue()
    instruction.action_receive()
    plan = env["order.production.plan"].create({"instruction_id": instruction.id})
    plan.sudo().write({"state": "issued"})
    start = plan.step_ids.filtered(lambda s: s.kind == "assembly_start")[:1]
    assert start, "no assembly-start step type in new plans"
    start.sudo().write({"planned_start": delivery, "planned_finish": delivery})
    purchase = env["purchase.order"].create(
        {
            "partner_id": vendor.id,
            "user_id": buyer.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_qty": 10,
                        "price_unit": 20,
                        "date_planned": receipt,
                    }
                )
            ],
        }
    )
    purchase.button_confirm()
    env.flush_all()
    # the templates are copied; they themselves get their follow-ups first
    env["order.production.followup"]._cron_create_followups()
    env.flush_all()
    return order, instruction, plan, start, purchase


def clone(cr, table, template_id, count, overrides):
    """`count` copies of a row, `overrides` {column: SQL expression of the
    copy's number ``g`` (1..count)}; returns their ids in order."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    columns = [name for (name,) in cr.fetchall()]
    names = ", ".join(f'"{name}"' for name in columns)
    values = ", ".join(overrides.get(name, f'"{name}"') for name in columns)
    cr.execute(
        f'INSERT INTO "{table}" ({names}) SELECT {values} '  # noqa: S608 (bench, names from the catalog)
        f'FROM "{table}", generate_series(1, %s) AS g WHERE "{table}".id = %s ORDER BY g '
        "RETURNING id",
        [count, template_id],
    )
    return sorted(row[0] for row in cr.fetchall())


def make_sources(env, templates, orders, tag):
    """`orders` copies of the order, its instruction, plan and assembly-start
    step; 4 purchase lines per order on purchase orders of 100 lines."""
    order, instruction, plan, start, purchase = templates
    cr = env.cr
    so_ids = clone(cr, "sale_order", order.id, orders, {"name": f"'BENCH/{tag}/' || g"})
    pi_ids = clone(
        cr,
        "order_production_instruction",
        instruction.id,
        orders,
        {"name": f"'BPI/{tag}/' || g", "sale_order_id": f"(ARRAY{so_ids})[g]"},
    )
    plan_ids = clone(
        cr,
        "order_production_plan",
        plan.id,
        orders,
        {
            "name": f"'BPP/{tag}/' || g",
            "instruction_id": f"(ARRAY{pi_ids})[g]",
            "sale_order_id": f"(ARRAY{so_ids})[g]",
        },
    )
    clone(cr, "order_production_plan_step", start.id, orders, {"plan_id": f"(ARRAY{plan_ids})[g]"})
    lines = orders * LINES_PER_ORDER
    purchases = -(-lines // LINES_PER_PURCHASE)
    po_ids = clone(cr, "purchase_order", purchase.id, purchases, {"name": f"'BPO/{tag}/' || g"})
    clone(
        cr,
        "purchase_order_line",
        purchase.order_line.id,
        lines,
        {"order_id": f"(ARRAY{po_ids})[(g - 1) / {LINES_PER_PURCHASE} + 1]"},
    )
    env.invalidate_all()
    return orders, lines


def measure(env):
    env.flush_all()
    env.invalidate_all()
    count = env.cr.sql_log_count
    start = time.perf_counter()
    created = env["order.production.followup"]._cron_create_followups()
    env.flush_all()
    return created, time.perf_counter() - start, env.cr.sql_log_count - count


def run(env, count):
    templates = setup(env)
    sizes = [max(count // 5, 1), count]
    figures = []
    for index, size in enumerate(sizes):
        start = time.perf_counter()
        orders, lines = make_sources(env, templates, size, index)
        setup_s = time.perf_counter() - start
        created, seconds, queries = measure(env)
        kinds = {
            kind: len(created.filtered(lambda f, k=kind: f.kind == k))
            for kind in (
                "order",
                "readiness",
                "supplier_confirm",
            )
        }
        assert kinds == {"order": orders, "readiness": orders, "supplier_confirm": lines}, kinds
        sources = orders * 2 + lines
        figures.append(
            {
                "orders": orders,
                "purchase_lines": lines,
                "followups": len(created),
                "copied_s": round(setup_s, 1),
                "seconds": round(seconds, 1),
                "queries": queries,
                "queries_per_source": round(queries / sources, 4),
                "ms_per_source": round(seconds * 1000 / sources, 2),
            }
        )
        print(
            f"{orders} orders, {lines} purchase lines (copied in {setup_s:.1f} s): "
            f"{len(created)} follow-ups in {seconds:.1f} s, {queries} queries "
            f"({queries / sources:.4f} per source, {seconds * 1000 / sources:.2f} ms per source)"
        )
    small, large = figures
    sources = [f["orders"] * 2 + f["purchase_lines"] for f in figures]
    marginal = round(
        (large["queries"] - small["queries"]) * 100 / max(sources[1] - sources[0], 1), 2
    )
    print(
        f"marginal: {marginal} queries per 100 more sources (Odoo's INSERT / UPDATE "
        "statements of 100 rows; no query per source)"
    )
    return {
        "bench": "followups",
        "orders": [f["orders"] for f in figures],
        "purchase_lines": [f["purchase_lines"] for f in figures],
        "followups": [f["followups"] for f in figures],
        "seconds": [f["seconds"] for f in figures],
        "queries": [f["queries"] for f in figures],
        "queries_per_source": [f["queries_per_source"] for f in figures],
        "ms_per_source": [f["ms_per_source"] for f in figures],
        # Odoo writes 100 rows per INSERT / UPDATE statement: what grows
        "marginal_queries_per_100_sources": marginal,
    }


if __name__ == "__main__":
    run_bench(__doc__, run, "--orders", 5000)
