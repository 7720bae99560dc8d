# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Time the deadline cron on many open clocks.

    .venv/bin/python tests/bench/bench_deadlines.py -c .odoo/odoo.conf -d order_suite_test

Loads the test document model (order.sla.tester), copies N open clocks into it
with SQL (a third turning due soon, two thirds overdue and climbing two rungs
of the ladder, on the working calendar), runs the cron once, prints the
figures, then rolls everything back. The last line is one JSON object.
"""

import time

from benchlib import run_bench

from odoo import Command


def load_tester(env):
    """Register the tests' deadline document model (rolled back after)."""
    from odoo_test_helper import FakeModelLoader

    loader = FakeModelLoader(env, "odoo.addons.order_review.tests")
    loader.backup_registry()
    from odoo.addons.order_review.tests.sla_tester import OrderSlaTester

    loader.update_registry((OrderSlaTester,))
    return loader.restore_registry


def run(env, count):
    company = env.company
    # the department head and the general manager of the ladder (two people:
    # two activities and two followers per clock climbing both rungs)
    head, manager = env["res.users"].create(
        [
            {"name": "Bench head", "login": "bench_deadlines_head"},
            {"name": "Bench general manager", "login": "bench_deadlines_gm"},
        ]
    )
    policy = env["order.sla.policy"].create(
        {
            "name": "Bench: 4 working hours",
            "duration": 4,
            "duration_unit": "working_hours",
            "escalation_ids": [
                Command.create({"level": 2, "name": "Head", "user_ids": [Command.set(head.ids)]}),
                Command.create(
                    {
                        "level": 3,
                        "name": "GM",
                        "delay": 2,
                        "delay_unit": "working_hours",
                        "user_ids": [Command.set(manager.ids)],
                    }
                ),
            ],
        }
    )
    env.flush_all()
    # deadlines spread over the last 30 days, a few seconds apart (no two
    # notes alike); a third not yet due
    env.cr.execute(
        """
        INSERT INTO order_sla_tester (name, state, user_id, company_id, sla_policy_id,
            sla_start, sla_deadline, sla_state, sla_level, sla_next_check)
        SELECT 'Bench ' || n, 'draft', %(user)s, %(company)s, %(policy)s,
            base - interval '4 hours',
            base + CASE WHEN n %% 3 = 0 THEN interval '1 hour' ELSE interval '0' END,
            CASE WHEN n %% 3 = 0 THEN 'running' ELSE 'due_soon' END, 1,
            base - interval '1 minute'
        FROM (
            SELECT n, now() at time zone 'UTC' - (n %% 30) * interval '1 day'
                - (n %% 1000) * interval '1 second' AS base
            FROM generate_series(1, %(count)s) AS n
        ) AS clocks
        """,
        {"user": env.user.id, "company": company.id, "policy": policy.id, "count": count},
    )
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start, cpu = time.perf_counter(), time.process_time()
    env["order.sla.policy"]._cron_process_deadlines()
    env.flush_all()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    queries = env.cr.sql_log_count - queries
    env.cr.execute(
        "SELECT sla_state, sla_level, count(*) FROM order_sla_tester GROUP BY 1, 2 ORDER BY 1, 2"
    )
    states = {f"{state}/L{level}": n for state, level, n in env.cr.fetchall()}
    return {
        "bench": "deadlines",
        "items": count,
        "seconds": round(seconds, 2),
        "items_per_second": round(count / seconds),
        "python_cpu_seconds": round(cpu, 2),
        "queries": queries,
        "queries_per_1000_items": round(queries * 1000 / count, 1),
        "states": states,
    }


if __name__ == "__main__":
    run_bench(__doc__, run, "--items", 50000, prepare=load_tester)
