#!/usr/bin/env bash
# Odoo's own tests of sale, sale_management, purchase, stock, sale_stock,
# purchase_stock, mrp, sale_mrp and repair, run as Odoo's CI runs them (a fresh
# database, --test-enable: at-install tests at install time, post-install tests
# once everything is loaded, with sale_mrp installed), on plain Odoo and with
# the suite's five addons installed (order_review, order_exception,
# order_production_plan, order_aftersales, order_kpi_report), without review
# stages or exception rules for the companies under test. Both must give the
# same result.
#
# The plain-Odoo result depends only on the Odoo source and on what is run: it
# is cached in $CACHE_DIR, keyed by a hash of the source, $TAGS and $MODULES,
# and computed beside the suite run when missing. Called by scripts/suite.sh
# test; needs the venv and config.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo/18.0}
VENV=${VENV:-$ROOT/.venv}
CONF=$ROOT/.odoo/odoo.conf
CACHE_DIR=${CACHE_DIR:-$HOME/.cache/order-suite}
LOGS=$ROOT/.odoo/odoo-tests
MODULES="sale_management,purchase,sale_stock,purchase_stock,sale_mrp,repair"
TAGS="/sale,/sale_management,/purchase,/stock,/sale_stock,/purchase_stock,/mrp,/sale_mrp,/repair"
# the suite's five addons (their dependencies are in MODULES, but for calendar, which
# order_production_plan adds for its coordination meetings, and rating / portal, which
# order_aftersales adds for satisfaction and the customers' pages: the suite side
# installs them too)
SUITE="order_review,order_exception,order_production_plan,order_aftersales,order_kpi_report"
export PGPASSWORD=${PG_PASSWORD:-odoo}
PG_USER=${PG_USER:-odoo}

mkdir -p "$CACHE_DIR" "$LOGS"
# the key: what is run (tags, modules) and the Odoo source the result depends on
key=$( (printf 'tags=%s\nmodules=%s\n' "$TAGS" "$MODULES"
        cd "$ODOO_SRC" && cat odoo/release.py requirements.txt \
        $(find addons/sale addons/sale_management addons/purchase addons/sale_stock addons/purchase_stock \
            addons/sale_mrp addons/mrp addons/stock addons/repair \
            -name '*.py' -path '*/tests/*' | sort)) | sha256sum | cut -c1-16)
baseline=$CACHE_DIR/odoo-tests-$key.txt

# run DB PORT EXTRA_MODULES LOG: fresh database, tests at install, results on stdout
run() {
    local db=$1 port=$2 extra=$3 log=$4
    dropdb -h 127.0.0.1 -U "$PG_USER" --if-exists "$db" >/dev/null
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$db" -i "$MODULES$extra" \
        --test-enable --test-tags "$TAGS" --stop-after-init --http-port="$port" --db-filter="^$db\$" \
        --gevent-port=$((port + 3)) --max-cron-threads=0 --log-level=test >"$log" 2>&1 || true
    dropdb -h 127.0.0.1 -U "$PG_USER" --if-exists "$db" >/dev/null || true
}

# the result: every failing or erroring test, and how many tests ran
summarize() {
    local log=$1
    grep -oE "(FAIL|ERROR): [A-Za-z0-9_]+\.[A-Za-z0-9_]+" "$log" | sort -u || true
    grep -oE "odoo\.tests\.result: .* tests" "$log" | sed -E 's/odoo\.tests\.result: //' || true
}

pids=()
if [ ! -s "$baseline" ]; then
    echo "[odoo-tests] plain Odoo ($key): not cached, running it beside the suite run"
    run odoo_tests_plain 8079 "" "$LOGS/plain.log" &
    pids+=($!)
fi
run odoo_tests_suite 8089 ",$SUITE" "$LOGS/suite.log" &
pids+=($!)
for pid in "${pids[@]}"; do wait "$pid"; done
if [ ! -s "$baseline" ]; then
    summarize "$LOGS/plain.log" >"$baseline"
fi
summarize "$LOGS/suite.log" >"$LOGS/suite.txt"
cp "$baseline" "$LOGS/plain.txt"

echo "[odoo-tests] plain Odoo:"; sed 's/^/    /' "$LOGS/plain.txt"
echo "[odoo-tests] with the five addons of the suite:"; sed 's/^/    /' "$LOGS/suite.txt"
if ! grep -q "tests" "$LOGS/suite.txt"; then
    echo "[odoo-tests] the suite run reported no test result: see $LOGS/suite.log" >&2
    exit 1
fi
if ! diff -u "$LOGS/plain.txt" "$LOGS/suite.txt"; then
    echo "[odoo-tests] Odoo's own tests differ with the suite installed (logs in $LOGS)" >&2
    exit 1
fi
echo "[odoo-tests] same result with and without the suite"
