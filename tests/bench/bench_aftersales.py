# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The after-sales clocks under the deadline cron (issue 12's acceptance).

    .venv/bin/python tests/bench/bench_aftersales.py -c .odoo/odoo.conf -d order_suite_test
        [-n 20000] [--quiet-clocks 50000] [--model order.service.request]

Documents (service requests: ``order.service.request`` when installed, else
the tests' ``order.sla.clock.tester``; ``--model`` names another document
inheriting ``order.sla.clock.mixin``) each run two ``order.sla.clock`` rows,
transfer (60 working minutes, R-AFS-01) and first contact (2 working hours,
R-AFS-02), on the seeds' calendar, with a ladder (the head at the deadline,
the general manager 30 working minutes later). Documents and clocks are
copied in with SQL, then:

a. cron: N / 10 then N open clocks whose check has come (a third reminded,
   turning due soon, two thirds overdue and climbing both rungs): time, clocks per
   second, queries: one search per model running clocks, then the same
   number for each batch of a thousand clocks at both sizes;
b. quiet tick: the cron over ``--quiet-clocks`` open clocks spread over every
   model of the suite running clocks (``order.sla.clock`` and each model
   with a row to copy), none due: seconds and queries;
c. storm: N clocks all turning overdue at once (the head's activity and a
   note each, the documents' overdue hook): clocks per second.

Everything is rolled back. The last line is one JSON object.
"""

import time

from benchlib import run_bench

from odoo import Command
from odoo.tools import SQL


def load_testers(env):
    """Register the tests' deadline documents (rolled back after)."""
    from odoo_test_helper import FakeModelLoader

    loader = FakeModelLoader(env, "odoo.addons.order_review.tests")
    loader.backup_registry()
    from odoo.addons.order_review.tests.sla_tester import OrderSlaClockTester, OrderSlaTester

    loader.update_registry((OrderSlaTester, OrderSlaClockTester))
    return loader.restore_registry


def setup(env):
    from odoo.addons.order_review.tests.common import seeds_calendar

    calendar = seeds_calendar(env, env.company)
    head, manager, agent = env["res.users"].create(
        [
            {"name": "Bench after-sales head", "login": "bench_afs_head"},
            {"name": "Bench general manager", "login": "bench_afs_gm"},
            {"name": "Bench agent", "login": "bench_afs_agent"},
        ]
    )
    ladder = [
        Command.create({"level": 2, "name": "Head", "user_ids": [Command.set(head.ids)]}),
        Command.create(
            {
                "level": 3,
                "name": "General manager",
                "delay": 30,
                "delay_unit": "working_minutes",
                "user_ids": [Command.set(manager.ids)],
            }
        ),
    ]
    policies = env["order.sla.policy"].create(
        [
            {
                "name": "Bench: transfer to after-sales",
                "code": "bench_afs_transfer",
                "duration": 60,
                "duration_unit": "working_minutes",
                "calendar_id": calendar.id,
                "escalation_ids": ladder,
            },
            {
                "name": "Bench: first contact",
                "code": "bench_afs_contact",
                "duration": 2,
                "duration_unit": "working_hours",
                "calendar_id": calendar.id,
                "escalation_ids": ladder,
            },
        ]
    )
    env.flush_all()
    return policies, agent


def insert_documents(env, model, count, agent):
    """`count` documents of `model` copied in with SQL: the tests' document
    from scratch, another model from one of its rows."""
    Model = env[model]
    if model == "order.sla.clock.tester":
        env.cr.execute(
            """
            INSERT INTO order_sla_clock_tester (name, user_id, company_id)
            SELECT 'Bench request ' || n, %s, %s FROM generate_series(1, %s) AS n
            RETURNING id
            """,
            [agent.id, env.company.id, count],
        )
        return [row_id for (row_id,) in env.cr.fetchall()]
    source = Model.sudo().search([], limit=1)
    if not source:
        raise SystemExit(f"{model}: no record to copy (load the demo data or pick --model)")
    return copy_rows(env, model, source.id, count, {})


def copy_rows(env, model, source_id, count, values):
    """`count` copies of the row `source_id` of `model` with `values` (SQL
    expressions of the series number n), their ids."""
    Model = env[model]
    columns = [
        name
        for name, field in Model._fields.items()
        if field.store and field.column_type and name != "id" and name not in values
    ]
    env.cr.execute(
        SQL(
            "INSERT INTO %(table)s (%(columns)s) SELECT %(copied)s FROM %(table)s, "
            "generate_series(1, %(count)s) AS n WHERE %(table)s.id = %(source)s RETURNING id",
            table=SQL.identifier(Model._table),
            columns=SQL(", ").join(map(SQL.identifier, [*columns, *values])),
            copied=SQL(", ").join(
                [SQL.identifier(Model._table, name) for name in columns] + list(values.values())
            ),
            count=count,
            source=source_id,
        )
    )
    return [row_id for (row_id,) in env.cr.fetchall()]


def insert_open_rows(env, model, count, policy):
    """`count` rows of another model running clocks, open and not due,
    inserted with SQL: each required column gets a plain value (an existing
    record for a many2one). Returns the number inserted (0 when the model
    cannot be filled so: a required many2one without any record)."""
    Model = env[model].sudo()
    env.cr.execute(
        """
        SELECT a.attname FROM pg_attribute a
        WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND a.attnotnull
            AND NOT a.attisdropped AND NOT a.atthasdef
        """,
        [Model._table],
    )
    not_null = {name for (name,) in env.cr.fetchall()}
    values = {
        "sla_policy_id": SQL("%s", policy.id),
        "sla_state": SQL("'running'"),
        "sla_level": SQL("1"),
        "sla_deadline": SQL("now() at time zone 'UTC' + interval '2 days'"),
        "sla_next_check": SQL(
            "now() at time zone 'UTC' + interval '1 hour' + mod(n, 43200) * interval '1 minute'"
        ),
    }
    for name, field in Model._fields.items():
        if name in values or name == "id" or not (field.store and field.column_type):
            continue
        if not (field.required or name in not_null):
            continue
        if field.type == "many2one":
            target = env[field.comodel_name].sudo().with_context(active_test=False)
            record = target.search([], limit=1)
            if not record:
                return 0
            values[name] = SQL("%s", record.id)
        elif field.type in ("char", "text", "html"):
            values[name] = SQL("'Bench ' || n")
        elif field.type == "selection":
            selection = field._description_selection(env)
            values[name] = SQL("%s", selection[0][0])
        elif field.type in ("date", "datetime"):
            values[name] = SQL("now() at time zone 'UTC'")
        elif field.type == "boolean":
            values[name] = SQL("FALSE")
        else:
            values[name] = SQL("n")
    try:
        with env.cr.savepoint(flush=False):
            env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s) SELECT %s FROM generate_series(1, %s) AS n",
                    SQL.identifier(Model._table),
                    SQL(", ").join(map(SQL.identifier, values)),
                    SQL(", ").join(values.values()),
                    count,
                )
            )
            inserted = env.cr.rowcount
    except Exception:  # noqa: BLE001 - a constraint the plain values break
        return 0
    return inserted


def insert_clocks(env, model, document_ids, policies, agent, kind):
    """Two clocks per document; `kind`: 'mixed' (a third turning due soon,
    the others overdue and climbing the ladder), 'storm' (all just overdue),
    'quiet' (next check in the coming days)."""
    state, deadline, check = {
        "mixed": (
            "CASE WHEN mod(n, 3) = 0 THEN 'running' ELSE 'due_soon' END",
            "CASE WHEN mod(n, 3) = 0 THEN now() at time zone 'UTC' + interval '1 hour' "
            "ELSE base END",
            "base - interval '1 minute'",
        ),
        "storm": ("'running'", "base", "base"),
        "quiet": ("'running'", "base", "base"),
    }[kind]
    base = {
        # checks over the last 29 days (prime to the thirds): every batch of
        # the cron, taken in the order of the checks, mixes clocks turning
        # due soon and overdue alike
        "mixed": "now() at time zone 'UTC' - mod(n, 29) * interval '1 day' "
        "- mod(n, 997) * interval '1 second'",
        "storm": "now() at time zone 'UTC' - interval '1 minute' "
        "- mod(n, 600) * interval '1 second'",
        "quiet": "now() at time zone 'UTC' + interval '1 hour' "
        "+ mod(n, 43200) * interval '1 minute'",
    }[kind]
    env.cr.execute(
        SQL(
            """
            INSERT INTO order_sla_clock (res_model, res_id, key, company_id, user_id,
                sla_policy_id, sla_start, sla_deadline, sla_state, sla_level, sla_next_check,
                create_uid, create_date, write_uid, write_date)
            SELECT %(model)s, doc.id, policy.code, %(company)s, %(agent)s, policy.id,
                base - interval '4 hours', """
            + deadline
            + ", "
            + state
            + """, 1, """
            + check
            + """, 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
            FROM (
                SELECT doc_id AS id, n, """
            + base
            + """ AS base
                FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS docs(doc_id, n)
            ) AS doc, order_sla_policy AS policy
            WHERE policy.id = ANY(%(policies)s)
            """,
            model=model,
            company=env.company.id,
            agent=agent.id,
            ids=document_ids,
            policies=policies.ids,
        )
    )
    return env.cr.rowcount


def cron(env, batch_size=1000):
    """(seconds, Python CPU seconds, queries) of one run of the cron."""
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start, cpu = time.perf_counter(), time.process_time()
    env["order.sla.policy"]._cron_process_deadlines(batch_size=batch_size)
    env.flush_all()
    return (
        time.perf_counter() - start,
        time.process_time() - cpu,
        env.cr.sql_log_count - queries,
    )


def states(env):
    env.cr.execute(
        "SELECT sla_state, sla_level, count(*) FROM order_sla_clock GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return {f"{state}/L{level}": n for state, level, n in env.cr.fetchall()}


def scenario(env, savepoint, body):
    """Run `body()` then roll its data back (the setup stays)."""
    env.cr.execute(SQL("SAVEPOINT %s", SQL.identifier(savepoint)))
    try:
        return body()
    finally:
        env.cr.execute(SQL("ROLLBACK TO SAVEPOINT %s", SQL.identifier(savepoint)))
        env.invalidate_all()


def run(env, count, quiet_clocks, model):
    model = model or (
        "order.service.request" if "order.service.request" in env else "order.sla.clock.tester"
    )
    policies, agent = setup(env)
    figures = {"bench": "aftersales", "document_model": model, "clocks": count}

    # b. a quiet tick over open clocks of every model of the suite running
    # clocks (measured first: the tests' document models, loaded for a and c,
    # rebuild order_review's classes and hide the other addons' models from
    # the cron)
    def quiet():
        models = [
            name for name in env["order.sla.mixin"]._sla_models() if name != "order.sla.clock"
        ]
        share = quiet_clocks // (2 * len(models) + 1)
        spread = {name: insert_open_rows(env, name, share, policies[0]) for name in models}
        documents = list(range(1, (quiet_clocks - sum(spread.values())) // 2 + 1))
        spread["order.sla.clock"] = insert_clocks(env, model, documents, policies, agent, "quiet")
        for name in spread:
            env.cr.execute(SQL("ANALYZE %s", SQL.identifier(env[name]._table)))
        seconds, _cpu, queries = cron(env)
        return spread, seconds, queries

    spread, seconds, queries = scenario(env, "bench_afs_quiet", quiet)
    figures["quiet_open_clocks"] = sum(spread.values())
    figures["quiet_clocks_per_model"] = spread
    figures["quiet_tick_seconds"] = round(seconds, 3)
    figures["quiet_tick_queries"] = queries

    restore = load_testers(env) if model == "order.sla.clock.tester" else None
    try:
        figures.update(busy(env, count, model, policies, agent))
    finally:
        if restore:
            restore()
    return figures


def busy(env, count, model, policies, agent):
    """a. and c.: the cron with clocks due."""
    figures = {}

    # a. the cron over N / 10 and N clocks whose check has come, in its
    # batches of a thousand: the same queries per batch at both sizes (after
    # a warm-up run, as Odoo's query counts are measured)
    for size, label in ((1000, "warmup"), (count // 10, "small"), (count, "large")):

        def mixed(size=size):
            documents = insert_documents(env, model, size // 2, agent)
            clocks = insert_clocks(env, model, documents, policies, agent, "mixed")
            seconds, cpu, queries = cron(env)
            return clocks, seconds, cpu, queries, states(env)

        clocks, seconds, cpu, queries, reached = scenario(env, f"bench_afs_{label}", mixed)
        if label == "warmup":
            continue
        figures[f"cron_{label}_clocks"] = clocks
        figures[f"cron_{label}_seconds"] = round(seconds, 2)
        figures[f"cron_{label}_clocks_per_second"] = round(clocks / seconds)
        figures[f"cron_{label}_python_cpu_seconds"] = round(cpu, 2)
        # one search per model running clocks and run, then each batch's own
        searches = len(env["order.sla.mixin"]._sla_models())
        batches = -(-clocks // 1000)
        figures[f"cron_{label}_queries"] = queries
        figures[f"cron_{label}_batches"] = batches
        figures[f"cron_{label}_queries_per_batch"] = round((queries - searches) / batches, 1)
        figures[f"cron_{label}_states"] = reached
    figures["cron_queries_flat"] = (
        figures["cron_small_queries_per_batch"] == figures["cron_large_queries_per_batch"]
    )

    # c. the storm: every clock turns overdue at once (the cron's batches of
    # a thousand)
    def storm():
        documents = insert_documents(env, model, count // 2, agent)
        clocks = insert_clocks(env, model, documents, policies, agent, "storm")
        seconds, cpu, queries = cron(env)
        return clocks, seconds, cpu, queries, states(env)

    clocks, seconds, cpu, queries, reached = scenario(env, "bench_afs_storm", storm)
    figures["storm_clocks"] = clocks
    figures["storm_seconds"] = round(seconds, 2)
    figures["storm_clocks_per_second"] = round(clocks / seconds)
    figures["storm_python_cpu_seconds"] = round(cpu, 2)
    figures["storm_queries_per_1000_clocks"] = round(queries * 1000 / clocks, 1)
    figures["storm_states"] = reached
    return figures


if __name__ == "__main__":
    run_bench(
        __doc__,
        run,
        "--clocks",
        20000,
        options=[
            (("--quiet-clocks",), {"dest": "quiet_clocks", "type": int, "default": 50000}),
            (("--model",), {"dest": "model", "default": None}),
        ],
    )
