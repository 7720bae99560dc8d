# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What every bench script shares: the command line, an Odoo environment on
the database, a rollback at the end, the figures with one JSON line last."""

import argparse
import json

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config


def run_bench(description, run, count_option, count_default, prepare=None, options=()):
    """Parse ``-c CONFIG -d DATABASE -n COUNT`` (and the bench's own
    `options`: ``(flags, add_argument keywords with a dest)``), call
    ``run(env, count, **options)`` in a transaction that is rolled back,
    print its figures."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", count_option, dest="count", type=int, default=count_default)
    for flags, keywords in options:
        parser.add_argument(*flags, **keywords)
    args = parser.parse_args()
    extra = {keywords["dest"]: getattr(args, keywords["dest"]) for _flags, keywords in options}
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cleanup = prepare(env) if prepare else None
        try:
            figures = run(env, args.count, **extra)
        finally:
            cr.rollback()
            if cleanup:
                cleanup()
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(json.dumps(figures))
