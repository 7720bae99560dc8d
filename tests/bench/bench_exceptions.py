# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Time the exception rules on many draft orders.

    .venv/bin/python tests/bench/bench_exceptions.py -c .odoo/odoo.conf -d order_suite_test

Copies N draft sale orders (one line each) with SQL, creates 20 domain rules
(header fields, the partner's country, the lines' products and prices), then
scans every order against every rule twice: as order_exception does (all
domain rules in one query, whatever the number of orders) and the way
OCA base_exception does (one search per rule). Prints the figures, rolls
everything back; the last line is one JSON object.
"""

import statistics
import time

from benchlib import run_bench

SCOPE = [("state", "in", ("draft", "sent"))]


def copy_orders(env, count):
    """N draft orders and their lines, copied from one order in SQL."""
    partner = env["res.partner"].create({"name": "Bench customer"})
    product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
    template = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 3})],
        }
    )
    env.flush_all()
    cr = env.cr

    def columns(table, skip):
        cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            [table],
        )
        return [name for (name,) in cr.fetchall() if name not in skip]

    order_cols = columns("sale_order", {"id", "name"})
    cr.execute(
        f"""
        INSERT INTO sale_order (name, {", ".join(order_cols)})
        SELECT 'BENCH/' || n, {", ".join(order_cols)}
          FROM sale_order, generate_series(1, %s) n
         WHERE id = %s
     RETURNING id
        """,
        [count, template.id],
    )
    ids = [row[0] for row in cr.fetchall()]
    line_cols = columns("sale_order_line", {"id", "order_id"})
    cr.execute(
        f"""
        INSERT INTO sale_order_line (order_id, {", ".join(line_cols)})
        SELECT o.id, {", ".join(f"l.{c}" for c in line_cols)}
          FROM sale_order_line l, unnest(%s::int[]) o(id)
         WHERE l.order_id = %s
        """,
        [ids, template.id],
    )
    # vary the amounts so that the rules find some orders and not others
    cr.execute("UPDATE sale_order SET amount_total = (id %% 1000) * 10 WHERE id = ANY(%s)", [ids])
    return ids + [template.id]


def make_rules(env):
    country = env.ref("base.cn")
    domains = []
    for threshold in (1000, 2000, 5000, 8000, 9000):
        domains.append([("amount_total", ">", threshold)])
    domains += [
        [("partner_id.country_id", "=", country.id)],
        [("partner_id.email", "=", False)],
        [("commitment_date", "=", False)],
        [("client_order_ref", "=", False), ("amount_total", ">", 5000)],
        [("payment_term_id", "=", False)],
        [("order_line", "any", [("price_unit", "=", 0)])],
        [("order_line", "any", [("discount", ">", 30)])],
        [("order_line", "any", [("product_uom_qty", ">", 1000)])],
        [("order_line.product_id.sale_ok", "=", False)],
        [("note", "=", False), ("amount_total", "<", 100)],
        [("user_id", "=", False)],
        [("team_id", "=", False)],
        [("date_order", "<", "2000-01-01")],
        [("validity_date", "<", "2000-01-01")],
        [("partner_invoice_id", "!=", False), ("partner_shipping_id", "=", False)],
    ]
    return env["order.exception.rule"].create(
        [
            {
                "name": f"Bench rule {index}",
                "model": "sale.order",
                "domain": repr(domain),
                "blocking": index % 4 == 0,
            }
            for index, domain in enumerate(domains)
        ]
    )


def measure_confirmation(env, rules, count=60):
    """Median time (ms) and mean queries of confirming an order, without
    rules and with the 20 rules (made blocking, none finding the orders)."""
    partner = env["res.partner"].create({"name": "Bench confirm", "email": "b@example.com"})
    product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
    orders = env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "commitment_date": "2099-01-01",
                "client_order_ref": "PO",
                "order_line": [(0, 0, {"product_id": product.id, "price_unit": 5})],
            }
            for _i in range(2 * count)
        ]
    )
    # the same 20 conditions, made blocking, none finding these orders
    for rule in rules:
        rule.domain = repr(["&", ("client_order_ref", "=", "no such ref"), *eval(rule.domain)])  # noqa: S307
    rules.write({"blocking": True, "active": False})
    figures = {True: [], False: []}
    # without rules, then with them (a change of rules empties Odoo's caches:
    # one warm-up confirmation after it)
    for with_rules, batch in ((False, orders[:count]), (True, orders[count:])):
        if with_rules:
            rules.write({"active": True})
            batch[0].action_confirm()
            batch = batch[1:]
        for order in batch:
            env.flush_all()
            queries = env.cr.sql_log_count
            start = time.perf_counter()
            order.action_confirm()
            env.flush_all()
            figures[with_rules].append(
                ((time.perf_counter() - start) * 1000, env.cr.sql_log_count - queries)
            )

    def summary(items):
        return (
            round(statistics.median(ms for ms, _q in items), 1),
            round(statistics.mean(q for _ms, q in items), 1),
        )

    return summary(figures[False]), summary(figures[True])


def run(env, count):
    ids = copy_orders(env, count)
    rules = make_rules(env)
    env.flush_all()
    env.invalidate_all()
    rules.mapped("domain")  # rules read once, as the cache keeps them

    queries = env.cr.sql_log_count
    start = time.perf_counter()
    found = rules._detect("sale.order", ids)
    seconds = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries

    # the whole scope, without a list of ids (what a cron scan does)
    scope_queries = env.cr.sql_log_count
    scope_start = time.perf_counter()
    scope_found = rules._detect("sale.order")
    scope_seconds = time.perf_counter() - scope_start
    scope_queries = env.cr.sql_log_count - scope_queries

    # OCA base_exception's way for comparison: one search per rule
    Order = env["sale.order"]
    oca_queries = env.cr.sql_log_count
    oca_start = time.perf_counter()
    oca_found = 0
    for rule in rules:
        oca_found += Order.search_count(
            [("id", "in", ids), *eval(rule.domain)]  # noqa: S307 (bench only, own rules)
        )
    oca_seconds = time.perf_counter() - oca_start
    oca_queries = env.cr.sql_log_count - oca_queries

    confirm_without, confirm_with = measure_confirmation(env, rules)

    return {
        "confirm_ms_without_rules": confirm_without[0],
        "confirm_queries_without_rules": confirm_without[1],
        "confirm_ms_with_20_rules": confirm_with[0],
        "confirm_queries_with_20_rules": confirm_with[1],
        "orders": len(ids),
        "rules": len(rules),
        "seconds": round(seconds, 3),
        "queries": queries,
        "queries_per_rule": round(queries / len(rules), 2),
        "exceptions_found": sum(len(r) for r in found.values()),
        "orders_in_exception": len(found),
        "scope_seconds": round(scope_seconds, 3),
        "scope_queries": scope_queries,
        "scope_orders_in_exception": len(scope_found),
        "one_search_per_rule_seconds": round(oca_seconds, 3),
        "one_search_per_rule_queries": oca_queries,
        "one_search_per_rule_found": oca_found,
    }


if __name__ == "__main__":
    run_bench(__doc__.splitlines()[0], run, "--orders", 10000)
