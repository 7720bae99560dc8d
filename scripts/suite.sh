#!/usr/bin/env bash
# Set-up, run and test the order-management suite on a Debian machine.
#   scripts/suite.sh run    install what is missing, create the demo database, serve Odoo
#   scripts/suite.sh test   install what is missing, lint, fresh test database, every test
#   scripts/suite.sh setup  only the set-up (packages, PostgreSQL, venv, config)
#   scripts/suite.sh lint   ruff + pylint-odoo (mandatory checks), translations, READMEs
#   scripts/suite.sh i18n   export each addon's .pot with Odoo, merge it into its zh_CN.po
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
I18N_DB=${ODOO_I18N_DB:-order_suite_i18n}
HTTP_PORT=${HTTP_PORT:-8069}
PG_USER=${PG_USER:-odoo}
PG_PASSWORD=${PG_PASSWORD:-odoo}
ADDONS="order_review,order_production_plan,order_exception,order_aftersales,order_kpi_report"
APT_PACKAGES="postgresql libpq-dev libldap2-dev libsasl2-dev chromium fonts-noto-cjk gettext"

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
    say "lint: zh_CN.po against the committed .pot files"
    "$VENV/bin/python" "$ROOT/scripts/i18n_check.py" ${ADDONS//,/ }
    say "lint: README.rst and index.html generated from readme/*.md"
    "$VENV/bin/python" "$ROOT/scripts/gen_readme.py" --check
    say "lint: docs/rules.md generated from the rule ids the code and tests cite"
    "$VENV/bin/python" "$ROOT/scripts/rule_index.py" --check
}

# Translations (README, Development): the zh_CN.po files are the source of
# truth, edited by translators; each i18n/<addon>.pot is what Odoo exports.

# what installing the addons reads (their tests, translations and READMEs aside): the
# terms of the database; those of the code (_() in Python, _t in JS) are read at export
i18n_hash() {
    (cd "$ROOT" && find ${ADDONS//,/ } -type f -not -name '*.pyc' -not -path '*/i18n/*' \
        -not -path '*/tests/*' -not -path '*/readme/*' -not -path '*/static/description/*' \
        -not -name README.rst -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

# modules whose demo data failed to install in database $1 (Odoo installs them without it)
demo_failures() {
    PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -U "$PG_USER" -d "$1" -tAc \
        "SELECT string_agg(DISTINCT m.name, ', ') FROM ir_demo_failure f
         JOIN ir_module_module m ON m.id = f.module_id" 2>/dev/null || true
}

# export_pots DB DIR: DIR/<addon>.pot of each addon, by Odoo's own exporter
export_pots() {
    local db=$1 dir=$2 addon
    mkdir -p "$dir"
    for addon in ${ADDONS//,/ }; do
        odoo_bin -d "$db" --i18n-export="$dir/$addon.pot" --modules="$addon" \
            --stop-after-init --log-level=warn
        [ -s "$dir/$addon.pot" ] || { echo "no .pot exported for $addon from $db" >&2; return 1; }
        # the export's dates change on every run: without them the .pot changes with its terms only
        sed -i '/^"POT-Creation-Date: /d; /^"PO-Revision-Date: /d' "$dir/$addon.pot"
    done
}

# lint of the .pot files: a fresh export from DB (the addons installed) must equal them
check_pots() {
    local tmp rc=0 failed
    failed=$(demo_failures "$1")
    if [ -n "$failed" ]; then
        say "warning: the demo data of $failed failed to install in $1: its terms are missing from the export"
    fi
    tmp=$(mktemp -d)
    export_pots "$1" "$tmp" && "$VENV/bin/python" "$ROOT/scripts/i18n_check.py" --exported "$tmp" ${ADDONS//,/ } || rc=$?
    rm -rf "$tmp"
    return "$rc"
}

cmd_i18n() {
    MAX_CRON_THREADS=0 setup
    # a fresh database whenever the code changed, as the test database of
    # `test` is (an update would keep removed demo records, and their terms)
    local stamp="$DATA_DIR/$I18N_DB.i18n.sha" want
    want=$(i18n_hash)
    if ! db_exists "$I18N_DB" || ! modules_installed "$I18N_DB" || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "fresh database $I18N_DB with the five addons, to export their terms (a few minutes)"
        if db_exists "$I18N_DB"; then
            PGPASSWORD=$PG_PASSWORD dropdb -h 127.0.0.1 -U "$PG_USER" "$I18N_DB"
        fi
        rm -f "$stamp"
        odoo_bin -d "$I18N_DB" -i "$ADDONS" --stop-after-init --log-level=warn
        local failed
        failed=$(demo_failures "$I18N_DB")
        if [ -n "$failed" ]; then
            echo "The demo data of $failed failed to install in $I18N_DB (see the log above):" \
                "its terms would be missing from the .pot files and their translations dropped." \
                "Fix the demo data, then run this again; nothing was changed." >&2
            exit 1
        fi
        echo "$want" >"$stamp"
    fi
    local tmp addon
    tmp=$(mktemp -d)
    trap "rm -rf '$tmp'" EXIT
    say "exporting the .pot files from $I18N_DB"
    export_pots "$I18N_DB" "$tmp"
    for addon in ${ADDONS//,/ }; do
        local i18n="$ROOT/$addon/i18n" pot="$tmp/$addon.pot"
        mkdir -p "$i18n"
        cmp -s "$pot" "$i18n/$addon.pot" || cp "$pot" "$i18n/$addon.pot"
        if [ ! -f "$i18n/zh_CN.po" ]; then
            msginit --no-translator --no-wrap --locale=zh_CN --input="$pot" --output-file="$i18n/zh_CN.po"
            sed -i 's/^"Plural-Forms: \\n"$/"Plural-Forms: nplurals=1; plural=0;\\n"/' "$i18n/zh_CN.po"
        fi
        # translations kept, new terms empty, gone ones dropped; no fuzzy
        # matching: a near msgid never lends its translation unnoticed
        msgmerge --quiet --no-wrap --no-fuzzy-matching --lang=zh_CN \
            --output-file="$tmp/$addon.merged.po" "$i18n/zh_CN.po" "$pot"
        msgattrib --no-wrap --no-obsolete --output-file="$tmp/$addon.po" "$tmp/$addon.merged.po"
        cmp -s "$tmp/$addon.po" "$i18n/zh_CN.po" || cp "$tmp/$addon.po" "$i18n/zh_CN.po"
    done
    rm -rf "$tmp"
    say "merged into the zh_CN.po files; left to translate:"
    "$VENV/bin/python" "$ROOT/scripts/i18n_check.py" --report ${ADDONS//,/ }
}

cmd_test() {
    MAX_CRON_THREADS=0 setup
    cmd_lint
    say "fresh test database $TEST_DB"
    if db_exists "$TEST_DB"; then
        PGPASSWORD=$PG_PASSWORD dropdb -h 127.0.0.1 -U "$PG_USER" "$TEST_DB"
    fi
    odoo_bin -d "$TEST_DB" -i "$ADDONS" --stop-after-init --log-level=warn
    say "lint: .pot files against a fresh export from $TEST_DB"
    check_pots "$TEST_DB"
    # Odoo's own tests of the modules the suite extends, with and without the
    # suite (scripts/odoo_tests.sh), run beside ours: plain Odoo's result is
    # cached, so the two cores share the suite's run and pytest; their output
    # is printed once pytest is done
    say "Odoo's own tests with and without the suite (beside pytest, log in $STATE/odoo-tests.log)"
    local rc=0 odoo_rc=0 odoo_pid
    bash "$ROOT/scripts/odoo_tests.sh" >"$STATE/odoo-tests.log" 2>&1 &
    odoo_pid=$!
    say "tests (pytest-odoo)"
    set +e
    (cd "$ROOT" && "$VENV/bin/pytest" -p no:cacheprovider \
        --odoo-config="$CONF" --odoo-database="$TEST_DB" --odoo-http \
        --odoo-extra "db-filter=^$TEST_DB\$" \
        ${ADDONS//,/ } tests) | tee "$STATE/pytest.log"
    rc=${PIPESTATUS[0]}
    wait "$odoo_pid" || odoo_rc=$?
    set -e
    say "Odoo's own tests with and without the suite"
    cat "$STATE/odoo-tests.log"
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
    i18n) cmd_i18n ;;
    bench) cmd_bench ;;
    *) echo "usage: $0 run|test|setup|lint|i18n|bench" >&2; exit 2 ;;
esac
