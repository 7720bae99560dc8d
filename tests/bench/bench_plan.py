# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Time and SQL queries per order of the production side of effective
orders, each step in one batch for all the orders (as the effective-date
hook or a list view's action does): the production instructions drawn up
(``sale.order._create_production_instructions``, R-REV-09), issued and
received, the plans created with their draft steps (R-PLN-02), and the
material check (R-PLN-05, R-PLN-06) over two-level bills of materials; at
two sizes (N / 5 and N orders), to show that the queries per order do not
grow with the number of orders.

    .venv/bin/python tests/bench/bench_plan.py -c .odoo/odoo.conf -d order_suite_test

Sets up a company on the seeds' working hours (Asia/Shanghai) with its
manufacturing department, five finished products (each made from its own
sub-assembly, made from raw materials, plus a bought component), some stock
in the main warehouse and in a second one (so that the check finds products
in stock, to transfer and to buy); then, for each size, creates and
confirms the orders of 5 lines through the ORM, with their deliveries,
which the material check counts as the orders' own demand (not measured:
most of the ~5 minutes of the run with N = 500), and measures each step
from cold caches. Everything is rolled back. The last line is one JSON
object.
"""

import time
from datetime import timedelta

from benchlib import run_bench

from odoo import Command, fields

LINES_PER_ORDER = 5
DELIVERY_DAYS = 20
STEPS = ("instructions", "issue", "receive", "plans", "material_check")


def measure(env, method):
    """(ms, queries) of `method()`, from cold caches, its writes flushed."""
    env.flush_all()
    env.invalidate_all()
    count = env.cr.sql_log_count
    start = time.perf_counter()
    result = method()
    env.flush_all()
    return result, (time.perf_counter() - start) * 1000, env.cr.sql_log_count - count


def setup(env):
    """The company's calendar and departments, the products and their bills
    of materials, stock in two warehouses; the review stages switched off."""
    company = env.company
    env["order.review.stage"].search([]).active = False
    # the addons are importable once the configuration is read
    from odoo.addons.order_review.tests.common import seeds_calendar

    company.resource_calendar_id = seeds_calendar(env, company)
    planner_group = env.ref("order_production_plan.group_order_production_plan_planner")
    head = env["res.users"].create(
        {
            "name": "Bench manufacturing head",
            "login": "bench_mfg_head",
            "email": "bench_mfg_head@example.com",
            "tz": "Asia/Shanghai",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([env.ref("base.group_user").id, planner_group.id])],
        }
    )
    department = env["order.department"].create(
        {"name": "Bench manufacturing", "company_id": company.id, "manager_id": head.id}
    )
    company.write(
        {
            # the instructions are drawn up by the measured batch, not on confirmation
            "order_plan_auto_instruction": False,
            "order_plan_department_id": department.id,
            "order_effective_signature": False,
            "order_effective_payment": False,
        }
    )
    vendor = env["res.partner"].create({"name": "Bench vendor"})
    product = env["product.product"]

    def bought(name, price):
        return product.create(
            {
                "name": name,
                "is_storable": True,
                "seller_ids": [Command.create({"partner_id": vendor.id, "price": price})],
            }
        )

    raws = [bought(f"Bench raw material {i}", 5) for i in range(3)]
    parts = [bought(f"Bench bought component {i}", 20) for i in range(2)]
    finished = []
    bom_vals = []
    for i in range(LINES_PER_ORDER):
        sub = product.create({"name": f"Bench sub-assembly {i}", "is_storable": True})
        item = product.create(
            {
                "name": f"Bench cabinet {i}",
                "is_storable": True,
                "list_price": 1000,
                "order_complete_set": i % 2 == 0,
            }
        )
        finished.append(item)
        bom_vals += [
            {
                "product_tmpl_id": sub.product_tmpl_id.id,
                "company_id": company.id,
                "bom_line_ids": [
                    Command.create({"product_id": raws[i % 3].id, "product_qty": 2}),
                    Command.create({"product_id": raws[(i + 1) % 3].id, "product_qty": 1}),
                ],
            },
            {
                "product_tmpl_id": item.product_tmpl_id.id,
                "company_id": company.id,
                "bom_line_ids": [
                    Command.create({"product_id": sub.id, "product_qty": 1}),
                    Command.create({"product_id": parts[i % 2].id, "product_qty": 4}),
                ],
            },
        ]
    env["mrp.bom"].create(bom_vals)
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    other = env["stock.warehouse"].create(
        {"name": "Bench second warehouse", "code": "BW2", "company_id": company.id}
    )
    quant = env["stock.quant"]
    quant._update_available_quantity(raws[0], warehouse.lot_stock_id, 1000)
    quant._update_available_quantity(parts[0], warehouse.lot_stock_id, 500)
    quant._update_available_quantity(parts[1], other.lot_stock_id, 2000)
    customer = env["res.partner"].create({"name": "Bench customer"})
    return customer, warehouse, finished


def make_orders(env, count, customer, warehouse, finished):
    """`count` confirmed (hence effective) orders of 5 lines, in one batch,
    their delivery dates spread over DELIVERY_DAYS days (the material check
    reads the forecast once per warehouse and day needed)."""
    today = fields.Datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    orders = (
        env["sale.order"]
        .with_context(tracking_disable=True)
        .create(
            [
                {
                    "partner_id": customer.id,
                    "warehouse_id": warehouse.id,
                    "commitment_date": today + timedelta(days=40 + i % DELIVERY_DAYS),
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2})
                        for product in finished
                    ],
                }
                for i in range(count)
            ]
        )
    )
    orders.action_confirm()
    env.flush_all()
    assert all(orders.mapped("order_effective_date")), "the orders did not take effect"
    return orders.with_env(env)


def run_size(env, count, customer, warehouse, finished):
    start = time.perf_counter()
    orders = make_orders(env, count, customer, warehouse, finished)
    setup_s = time.perf_counter() - start
    figures = {}
    instructions, *figures["instructions"] = measure(
        env, lambda: orders._create_production_instructions()
    )
    assert len(instructions) == count
    assert len(instructions.line_ids) == count * LINES_PER_ORDER
    assert set(instructions.mapped("sla_state")) <= {"running", "due_soon", "overdue"}
    _r, *figures["issue"] = measure(env, lambda: instructions.action_issue())
    _r, *figures["receive"] = measure(env, lambda: instructions.action_receive())
    assert set(instructions.mapped("state")) == {"received"}
    plans, *figures["plans"] = measure(
        env,
        lambda: env["order.production.plan"].create(
            [{"instruction_id": instruction.id} for instruction in instructions]
        ),
    )
    steps = env["order.production.step.type"].search_count([("in_new_plans", "=", True)])
    assert len(plans.step_ids) == count * steps, "a plan without its draft steps"
    _r, *figures["material_check"] = measure(env, lambda: plans.action_check_material())
    materials = plans.material_ids
    # per order and parent: 5 products, their 5 sub-assemblies and 5 bought
    # components, the sub-assemblies' 10 raw materials
    assert len(materials) == count * 25, len(materials)
    actions = set(materials.mapped("action"))
    assert {"make", "stock", "buy", "transfer"} <= actions, actions
    return {
        "setup_s": round(setup_s, 1),
        "ms_per_order": {step: round(ms / count, 2) for step, (ms, _q) in figures.items()},
        "queries_per_order": {step: round(q / count, 2) for step, (_ms, q) in figures.items()},
        "queries": {step: q for step, (_ms, q) in figures.items()},
    }


def run(env, count):
    customer, warehouse, finished = setup(env)
    sizes = [max(count // 5, 1), count]
    results = {size: run_size(env, size, customer, warehouse, finished) for size in sizes}
    for size, result in results.items():
        print(
            f"{size} orders × {LINES_PER_ORDER} lines (created and confirmed in "
            f"{result['setup_s']} s, not measured)"
        )
        print(f"  {'step':<16}{'queries':>9}{'queries/order':>15}{'ms/order':>10}")
        for step in STEPS:
            print(
                f"  {step:<16}{result['queries'][step]:>9}"
                f"{result['queries_per_order'][step]:>15}{result['ms_per_order'][step]:>10}"
            )

    def by_step(key):
        return {step: [results[size][key][step] for size in sizes] for step in STEPS}

    return {
        "bench": "plan",
        "orders": sizes,
        "lines_per_order": LINES_PER_ORDER,
        "queries_per_order": by_step("queries_per_order"),
        "ms_per_order": by_step("ms_per_order"),
    }


if __name__ == "__main__":
    run_bench(__doc__, run, "--orders", 500)
