#!/usr/bin/env bash
# Set-up, run and test the order-management suite on a Debian machine.
#   scripts/suite.sh run    install what is missing, create the demo database, serve Odoo
#   scripts/suite.sh test   install what is missing, lint, fresh test database, every test
#   scripts/suite.sh setup  only the set-up (packages, PostgreSQL, venv, config)
#   scripts/suite.sh lint   ruff + pylint-odoo (mandatory checks)
#   scripts/suite.sh bench  run the benchmark scripts of tests/bench/
# Every step checks what is already there, so re-running is safe and quick.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo/18.0}
VENV=${VENV:-$ROOT/.venv}
STATE=$ROOT/.odoo
CONF=$STATE/odoo.conf
# the databases live in PostgreSQL, beside every clone: so does their filestore
DATA_DIR=${DATA_DIR:-$HOME/.local/share/order-suite}
DB=${ODOO_DB:-order_suite}
TEST_DB=${ODOO_TEST_DB:-order_suite_test}
HTTP_PORT=${HTTP_PORT:-8069}
PG_USER=${PG_USER:-odoo}
PG_PASSWORD=${PG_PASSWORD:-odoo}
ADDONS="order_review,order_production_plan,order_exception,order_aftersales,order_kpi_report"
APT_PACKAGES="postgresql libpq-dev libldap2-dev libsasl2-dev chromium fonts-noto-cjk"

say() { printf '\033[1m[suite]\033[0m %s\n' "$*"; }

need_root() { if [ "$(id -u)" -ne 0 ]; then echo sudo; fi; }

ensure_odoo_src() {
    if [ -x "$ODOO_SRC/odoo-bin" ]; then return; fi
    say "no Odoo source at $ODOO_SRC: trying a shallow clone of upstream 18.0"
    local tmp="$ODOO_SRC.partial"
    rm -rf "$tmp"
    if timeout 1800 git clone -q --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$tmp" >/dev/null 2>&1; then
        mv "$tmp" "$ODOO_SRC"
        return
    fi
    rm -rf "$tmp"
    echo "Odoo 18.0 Community source is missing: put it at $ODOO_SRC (or set ODOO_SRC to its folder) and run this again." >&2
    exit 2
}

ensure_apt() {
    local missing=()
    for p in $APT_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing Debian packages: ${missing[*]}"
        $(need_root) apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $(need_root) apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

ensure_postgres() {
    if ! pg_isready -q -h 127.0.0.1 2>/dev/null; then
        say "starting PostgreSQL"
        local cluster
        cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
        if [ -z "$cluster" ]; then
            local ver
            ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
            $(need_root) pg_createcluster "$ver" main >/dev/null
            cluster="$ver main"
        fi
        # shellcheck disable=SC2086
        $(need_root) pg_ctlcluster $cluster start || true
        for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
    fi
    if ! $(need_root) su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\"" | grep -q 1; then
        say "creating PostgreSQL role $PG_USER"
        $(need_root) su postgres -c "psql -qc \"CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD'\""
    fi
}

ensure_venv() {
    local py=${PYTHON:-python3}
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the virtual environment $VENV"
        "$py" -m venv "$VENV"
    fi
    local stamp="$VENV/.requirements.sha"
    local want
    want=$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements.txt" "$ROOT/scripts/constraints.txt" | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "installing Python requirements (Odoo's and ours)"
        # cbor2 5.4.2 only builds with setuptools<81: PIP_CONSTRAINT reaches build environments
        # only with pip older than 26.2, so pip is kept below that.
        local constraints="$ROOT/scripts/constraints.txt"
        if [ -f /etc/xdg/pip/constraints.txt ]; then constraints="/etc/xdg/pip/constraints.txt $constraints"; fi
        PIP_CONSTRAINT="$constraints" "$VENV/bin/pip" install -q "pip<26.2" wheel "setuptools<81"
        PIP_CONSTRAINT="$constraints" "$VENV/bin/pip" install -q -r "$ODOO_SRC/requirements.txt" -r "$ROOT/requirements.txt"
        echo "$want" > "$stamp"
    fi
    # Odoo is not on PyPI: make its source importable from the venv (pytest-odoo needs it).
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_SRC" > "$site/odoo-src.pth"
}

write_config() {
    mkdir -p "$STATE" "$DATA_DIR"
    cat > "$CONF" <<CFG
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ROOT
data_dir = $DATA_DIR
db_host = 127.0.0.1
db_port = 5432
db_user = $PG_USER
db_password = $PG_PASSWORD
admin_passwd = admin
http_interface = 127.0.0.1
http_port = $HTTP_PORT
gevent_port = $((HTTP_PORT + 3))
max_cron_threads = ${MAX_CRON_THREADS:-1}
workers = 0
list_db = True
log_level = info
CFG
}

setup() {
    ensure_odoo_src
    ensure_apt
    ensure_postgres
    ensure_venv
    write_config
}

odoo_bin() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"; }

db_exists() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -U "$PG_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1; }

modules_installed() {
    local n
    n=$(PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -U "$PG_USER" -d "$1" -tAc \
        "SELECT count(*) FROM ir_module_module WHERE state='installed' AND name = ANY(string_to_array('$ADDONS', ','))" 2>/dev/null || echo 0)
    [ "$n" = "5" ]
}

addons_hash() {
    (cd "$ROOT" && find ${ADDONS//,/ } -type f -not -name '*.pyc' | sort | xargs cat | sha256sum | cut -c1-16)
}

cmd_run() {
    setup
    local stamp="$DATA_DIR/$DB.addons.sha"
    if db_exists "$DB" && [ ! -d "$DATA_DIR/filestore/$DB" ]; then
        say "database $DB has lost its filestore: creating it again"
        PGPASSWORD=$PG_PASSWORD dropdb -h 127.0.0.1 -U "$PG_USER" "$DB"
    fi
    if db_exists "$DB" && modules_installed "$DB" && [ "$(cat "$stamp" 2>/dev/null)" != "$(addons_hash)" ]; then
        say "updating the five addons in $DB (their code changed)"
        odoo_bin -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn
        addons_hash >"$stamp"
    fi
    if ! db_exists "$DB" || ! modules_installed "$DB"; then
        say "creating database $DB with the five addons and demo data (a few minutes the first time)"
        odoo_bin -d "$DB" -i "$ADDONS" --load-language=zh_CN --stop-after-init --log-level=warn
        # admin / admin (the default of a new database) works in Chinese, like the demo users
        PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -U "$PG_USER" -d "$DB" -c \
            "UPDATE res_partner SET lang = 'zh_CN' WHERE id = (SELECT partner_id FROM res_users WHERE login = 'admin')"
        addons_hash >"$stamp"
    fi
    say "Odoo at http://127.0.0.1:$HTTP_PORT (admin / admin), database $DB"
    exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^$DB\$"
}

cmd_lint() {
    say "lint: ruff"
    "$VENV/bin/ruff" check "$ROOT"
    "$VENV/bin/ruff" format --check "$ROOT"
    say "lint: pylint-odoo (mandatory checks)"
    (cd "$ROOT" && "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory ${ADDONS//,/ })
}

cmd_test() {
    MAX_CRON_THREADS=0 setup
    cmd_lint
    say "fresh test database $TEST_DB"
    if db_exists "$TEST_DB"; then
        PGPASSWORD=$PG_PASSWORD dropdb -h 127.0.0.1 -U "$PG_USER" "$TEST_DB"
    fi
    odoo_bin -d "$TEST_DB" -i "$ADDONS" --stop-after-init --log-level=warn
    say "tests (pytest-odoo)"
    local rc=0 odoo_rc=0
    set +e
    (cd "$ROOT" && "$VENV/bin/pytest" -p no:cacheprovider \
        --odoo-config="$CONF" --odoo-database="$TEST_DB" --odoo-http \
        --odoo-extra "db-filter=^$TEST_DB\$" \
        ${ADDONS//,/ } tests) | tee "$STATE/pytest.log"
    rc=${PIPESTATUS[0]}
    set -e
    # Odoo's own sale / sale_management / purchase tests, with and without the
    # suite (scripts/odoo_tests.sh); after ours, so that no browser test runs
    # on a loaded machine
    say "Odoo's own tests with and without the suite"
    bash "$ROOT/scripts/odoo_tests.sh" || odoo_rc=$?
    # pytest's summary stays the closing line (pytest exits 5 when it ran nothing)
    tail -n 1 "$STATE/pytest.log"
    [ "$rc" -eq 0 ] && [ "$odoo_rc" -eq 0 ]
}

cmd_bench() {
    setup
    for f in "$ROOT"/tests/bench/bench_*.py; do
        say "bench: $(basename "$f")"
        "$VENV/bin/python" "$f" -c "$CONF" -d "${BENCH_DB:-$TEST_DB}"
    done
}

case "${1:-}" in
    run) cmd_run ;;
    test) cmd_test ;;
    setup) setup ;;
    lint) setup; cmd_lint ;;
    bench) cmd_bench ;;
    *) echo "usage: $0 run|test|setup|lint|bench" >&2; exit 2 ;;
esac
