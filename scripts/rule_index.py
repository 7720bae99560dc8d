"""Build docs/rules.md, the index of the regulations' rules the suite cites.

Every rule id (R-REV-nn, R-PLN-nn, R-EXC-nn, R-AFS-nn, R-KPI-nn, R-X-nn) found in
the repository's code, tests, data and docs gets a line: what the rule asks, in
this project's words (RULES below, kept here so that a re-run never loses them),
where the code enforces it (module, model, method), where a test checks it (test
file and test name), and which demo records and documents cite it. The "where"
columns are found again at every run, so re-run it whenever code or tests
change:

    python scripts/rule_index.py            (writes docs/rules.md)
    python scripts/rule_index.py --check    (fails when docs/rules.md is not up to date)

A cited id without an explanation is listed with a placeholder and named on
stderr: add its explanation to RULES.
"""

import ast
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "rules.md"

# ---------------------------------------------------------------------------
# The rules, in the project's own words: id -> (title, what it asks)
# ---------------------------------------------------------------------------
RULES = {
    # Review of sale and purchase orders (order_review)
    "R-REV-01": (
        "Regular or non-regular order",
        "An order is regular when the product is mature and existing drawings cover it. It is "
        "non-regular as soon as it needs a new design, revives a discontinued product, asks for "
        "more than the standard quality or carries a tight, penalised deadline; the class decides "
        "who reviews the order and how it is priced.",
    ),
    "R-REV-02": (
        "Ordinary or important order",
        "Important orders need the approval of senior management before they are confirmed; "
        "what makes an order important (amount, customer, flag) is left to configuration.",
    ),
    "R-REV-03": (
        "Order categories",
        "Orders fall into categories (product sale, after-sales, complaint; general, high-value, "
        "custom; complete sets) that each have their own processing time.",
    ),
    "R-REV-04": (
        "Who handles an order",
        "Orders are assigned to a handler by nature, urgency, product type or amount.",
    ),
    "R-REV-05": (
        "Requirement confirmation",
        "On receiving an order, sales confirms specification, model, quantity, technical and "
        "quality requirements and delivery date with the customer; project business is registered.",
    ),
    "R-REV-06": (
        "Delivery date feasibility",
        "Before quoting, production (and design, for non-regular orders) checks that the "
        "requested delivery date can be met. If not, sales negotiates a later date; if the "
        "customer refuses it, the general manager approves declining the order.",
    ),
    "R-REV-07": (
        "Quotation",
        "Regular orders are quoted from the company price list; non-regular orders case by "
        "case, with the surcharges of the modification standard.",
    ),
    "R-REV-08": (
        "Signature and effect",
        "The customer signs the purchase-sale order, and the order only takes effect once the "
        "agreed payment (the advance of its terms) has been received.",
    ),
    "R-REV-09": (
        "Production instruction within 4 hours",
        "Within four hours of the order being signed and in effect, sales issues the production "
        "instruction in the ERP.",
    ),
    "R-REV-10": (
        "Sales manager's review, 4 hours",
        "The sales manager checks every order against the sales and price policies; the clerk "
        "finishes review, entry and signature within four hours of receiving the order.",
    ),
    "R-REV-11": (
        "What a review checks",
        "A review checks legality, the catalogue and technical parameters, quantity, price, "
        "delivery date, stock and the impact on production, within its time limit; a failed "
        "review sends the order back for correction.",
    ),
    "R-REV-12": (
        "Finance, credit and the departments' opinions",
        "Finance reviews amount, payment terms and the customer; a risky customer goes to "
        "management, who decide whether to take the order; an order above the customer's credit "
        "limit needs a special review with a written opinion, and each department signs its "
        "own confirmation.",
    ),
    "R-REV-13": (
        "Order analysis and capacity",
        "Before committing, the order is analysed for product fit, line capacity, materials and "
        "a realistic delivery date.",
    ),
    "R-REV-14": (
        "Negotiation records",
        "Quotation strategy and negotiations on price, date, payment and after-sales terms are "
        "recorded and shared with the departments concerned.",
    ),
    "R-REV-15": (
        "Customer confirmation and contract",
        "The customer confirms the reviewed order and signs the contract (goods, quantity, "
        "price, payment, delivery, liability); sale orders are confirmed by sales, purchase "
        "orders by purchasing.",
    ),
    "R-REV-16": (
        "Purchase plan approved by the department head",
        "Purchasing compiles its purchase plan from business needs and the sales plan, and "
        "executes it only once the department head has approved it.",
    ),
    "R-REV-17": (
        "Supplier selection",
        "Suppliers are chosen from the qualified list after comparing offers on price, quality, "
        "delivery and service, with the supervisor's approval.",
    ),
    "R-REV-18": (
        "Purchase order reviewed before issue",
        "A purchase order is reviewed by the departments concerned before it goes out; it states "
        "specification, quantity, delivery and payment terms and is confirmed by the supplier.",
    ),
    "R-REV-19": (
        "Finance control on purchases",
        "Finance reviews purchase orders and payment requests, so that money is spent as agreed, "
        "and audits purchase settlement.",
    ),
    "R-REV-20": (
        "Legal review of supplier contracts",
        "Contracts with suppliers are signed by purchasing together with the legal department.",
    ),
    "R-REV-21": (
        "Purchase flow",
        "Requisition, approval, supplier selection, contract, order, then inspection before "
        "payment.",
    ),
    "R-REV-22": (
        "Reducing a planned purchase",
        "Purchasing may buy less than planned only after consulting the department that issued "
        "the plan.",
    ),
    # Planning and follow-up (order_production_plan)
    "R-PLN-01": (
        "Task breakdown within 24 hours (complete sets) or 4 hours",
        "Once the production instruction is received, the manufacturing head breaks the work "
        "down within 24 hours for complete sets (成套产品) and within 4 hours for other "
        "products.",
    ),
    "R-PLN-02": (
        "What a regular order's plan contains",
        "The workshop head draws up a regular order's plan after checking the stock of parts: "
        "technical design, cooperation for matching parts, parts purchasing, assembly start "
        "and finish, packing, each with its completion time.",
    ),
    "R-PLN-03": (
        "Coordination meeting for a non-regular order",
        "A non-regular order is planned in a planning coordination meeting (计划协调会) of the "
        "heads of technical, workshop and purchasing, with quality when needed; its output is "
        "the plan with due times.",
    ),
    "R-PLN-04": (
        "Drawings issued with the instruction",
        "Where cooperation follows design drawings, the drawings go out together with the "
        "production task sheet.",
    ),
    "R-PLN-05": (
        "Plan per process and purchase plan",
        "The manufacturing head checks the stock of parts and raw materials, then plans each "
        "section or process with start and finish, and the purchases with arrival dates.",
    ),
    "R-PLN-06": (
        "Transfer before buying",
        "Purchasing checks the stock of every company of the group; where a transfer (调拨) "
        "covers the need it is made, otherwise the parts are bought and a purchase receipt "
        "progress schedule (采购进货进度计划表) is drawn up.",
    ),
    "R-PLN-07": (
        "Design work scheduled",
        "The technical department schedules the design work of an order against its other tasks.",
    ),
    "R-PLN-08": (
        "Objection to a plan within 1 working day",
        "A department that disagrees with a plan's completion times objects within one working "
        "day to the department that issued it; if they cannot agree, the general manager "
        "decides, and a threatened delivery date goes to order management to negotiate with "
        "the customer.",
    ),
    "R-PLN-09": (
        "Re-sequencing by two managers",
        "When capacity or an unforeseen problem keeps orders from finishing on time, the plan or "
        "the sequence is changed jointly by the manufacturing manager and the sales-side "
        "manager, and the revised plan is distributed.",
    ),
    "R-PLN-10": (
        "When a step counts as done",
        "Plated or coated parts: delivered to the warehouse; purchased parts: arrived in the "
        "warehouse; technical design: without obvious errors, able to guide production; finished "
        "goods: packed and put into stock.",
    ),
    "R-PLN-11": (
        "Plan with responsible persons and material requirements",
        "The production plan follows delivery date, production cycle and material supply, with "
        "tasks, times and responsible persons, and a material requirements plan made with "
        "purchasing.",
    ),
    "R-PLN-22": (
        "Order follow-up before the delivery date",
        "Two to three days before the reviewed delivery date the order follower checks the "
        "real progress; a delivery that cannot be kept is told to the production manager and "
        "the general manager in an expedite note (催促单) with the final date agreed with the "
        "customer.",
    ),
    "R-PLN-23": (
        "Readiness check before production starts",
        "One to two days before production starts the production manager checks people, "
        "machines and materials; a problem goes to the department concerned in a "
        "cross-department work contact sheet (跨部门工作联系单) with the time it must be "
        "solved by.",
    ),
    "R-PLN-13": (
        "Month-end order sorting",
        "Around the 25th of each month, material control and marketing review the month's "
        "completed orders and confirm next month's released orders.",
    ),
    "R-PLN-14": (
        "Monthly production-sales coordination meeting",
        "Organised by material control at month end with a data report: delivery and plan "
        "achievement, task completion per section, sample and small-batch delivery.",
    ),
    "R-PLN-15": (
        "Plans made after the meeting",
        "Monthly and weekly production plans, the daily plan per process and machine, "
        "requisition, shipping and sample / small-batch plans.",
    ),
    "R-PLN-18": (
        "Weekly plans every Friday",
        "Next week's manufacturing, requisition, shipping and sample / small-batch plans go to "
        "each responsible department every Friday.",
    ),
    "R-PLN-19": (
        "Daily production plan form",
        "Per machine: product, order quantity, outstanding quantity (欠数), planned quantity, "
        "actual output of the day and middle shifts with reasons; staffing footer; signatures "
        "approved / reviewed / planner.",
    ),
    "R-PLN-31": (
        "Daily plan achievement review",
        "The planning head reviews the daily plan achievement and holds the weekly production "
        "meeting.",
    ),
    "R-PLN-25": (
        "Outsourcing approved by the general manager",
        "When special parts cannot be bought or made in time, or capacity falls short, a step "
        "may be outsourced (外协) with the general manager's approval.",
    ),
    "R-PLN-26": (
        "Report when remedies fail",
        "If overtime or outsourcing still cannot keep the plan, the department head reports to "
        "the department that issued it so that the plan is adjusted.",
    ),
    "R-PLN-27": (
        "Pre-packing notice 3 days / 1 day ahead",
        "The packing department is notified 3 working days (complete sets) or 1 working day "
        "(other products) before shipping; accessories and accompanying documents (附件、随机资料) "
        "must not be missing.",
    ),
    "R-PLN-30": (
        "Follow-up by the order follower",
        "The order follower (业务跟单) follows the order from entry through production, "
        "inspection, packing and shipping.",
    ),
    "R-PLN-32": (
        "Supplier confirmation 5 working days ahead",
        "Following the purchase schedule, purchasing asks each supplier, five working days "
        "before the planned receipt, to confirm the real shipping date.",
    ),
    "R-PLN-33": (
        "Late supply reported within 30 minutes",
        "When goods cannot arrive as planned, purchasing tells its head within about thirty "
        "minutes and chooses a remedy: borrow, urge the supplier, split the delivery, buy "
        "elsewhere or change the model with design and sales.",
    ),
    "R-PLN-34": (
        "Ship-day dispatch confirmation",
        "On the agreed ship date purchasing confirms with the supplier that the goods left, "
        "with the carrier and its contact.",
    ),
    "R-PLN-35": (
        "Received quantity and concessions",
        "The qualified quantity received must match the plan; a difference is investigated and "
        "settled by return and replacement, an agreed re-supply date, or acceptance at a "
        "reduced price (降价让步接收).",
    ),
    "R-PLN-37": (
        "Late supply escalated to sales",
        "When the remedies cannot keep the plan, the planning head is told so that sales can "
        "ask the customer for a delay.",
    ),
    # Exceptions and changes (order_exception)
    "R-PLN-41": (
        "Shipping notice 1 day ahead, gated on contract and payment",
        "The contract-order side verifies the signed contract and the payment, then issues "
        "the shipping notice (发货通知单) generally 1 day before dispatch, with arrival time "
        "and place.",
    ),
    "R-PLN-42": (
        "Warehouse preparation against the notice",
        "The finished-goods keeper checks customer, order, specification, model, quantity and "
        "spares or matching parts against the shipping notice.",
    ),
    "R-PLN-43": (
        "Carrier receipt and same-day failure report",
        "The goods ship on time with the carrier's signed receipt; a shipment that cannot leave "
        "is reported the same day with the reason, new ship time and estimated arrival.",
    ),
    "R-PLN-44": (
        "Same-day customer call and sales ledger",
        "On the carrier's receipt the clerk phones the customer the same day, records the "
        "shipment in the sales ledger (销售台账) and chases the delivery receipt (发货回执).",
    ),
    "R-EXC-01": (
        "Customer change answered within 30 minutes",
        "A customer's change to a confirmed order is answered within about thirty minutes with a "
        "change notice. Minor changes are circulated; changes of the delivery date go through "
        "the date review again; changes of structure or main components are reviewed like a "
        "non-regular order, with a supplementary contract when needed.",
    ),
    "R-EXC-02": (
        "Technical change within 30 minutes",
        "A change of the technical scheme is handled within about thirty minutes; when it "
        "touches the structure, a component's specification or the designated manufacturer, a "
        "technical change notice with the customer's written request goes to production and to "
        "the contract department, which decides on a new review and a supplementary contract.",
    ),
    "R-EXC-03": (
        "Changes after release",
        "A design error or a customer change found after drawings were issued is notified in "
        "writing (reason and correction) to production, quality and supply.",
    ),
    "R-EXC-04": (
        "Customer's written consent",
        "No design change is made without the customer's written approval, which is archived "
        "with sales.",
    ),
    "R-EXC-05": (
        "Project order change",
        "A project change is confirmed in writing by the customer; if it costs more or delays "
        "delivery, a change agreement is signed.",
    ),
    "R-EXC-06": (
        "Changes agreed in writing",
        "Every change of a customised order is assessed and agreed in writing by both parties.",
    ),
    "R-EXC-07": (
        "Re-confirmation",
        "A change during execution is communicated and confirmed again.",
    ),
    "R-EXC-08": (
        "Impact before a design change",
        "The impact of a design change on delivery date and cost is assessed before it is "
        "approved and notified.",
    ),
    "R-EXC-09": (
        "Speed of the answer to changes",
        "How fast changes of address, quantity or specification are answered is measured as a "
        "KPI.",
    ),
    "R-EXC-10": (
        "Inspection problem: reaction within 20 minutes",
        "An inspector who finds a quality problem reacts within about twenty minutes; what they "
        "cannot settle goes to the inspection head, who coordinates within thirty minutes, then "
        "to the general manager. A purchased batch below a 95 % pass rate, or with a serious "
        "defect, goes straight to the heads of quality and purchasing.",
    ),
    "R-EXC-11": (
        "Supplier delay reported within 30 minutes",
        "The exception side of R-PLN-33: a late supplier delivery is reported within thirty "
        "minutes, with the remedy chosen.",
    ),
    "R-EXC-12": (
        "Plan objection arbitrated by the general manager",
        "The exception side of R-PLN-08: an objection to a plan is raised within one working "
        "day, and the general manager arbitrates.",
    ),
    "R-EXC-13": (
        "Production deviation",
        "A deviation from the plan is remedied by the production leader, then taken to the "
        "general manager; an unavoidable delay is told to the customer and chased with a "
        "reminder to production and management.",
    ),
    "R-EXC-14": (
        "Cross-department work request",
        "A readiness problem is sent to the other department on a work request that states the "
        "problem and its deadline.",
    ),
    "R-EXC-15": (
        "Cannot ship on time",
        "The day it is known that an order cannot ship on time, the contract order department "
        "gets the cause, the possible shipping date and the expected arrival.",
    ),
    "R-EXC-16": (
        "Shipping with missing parts",
        "Shipping with parts missing needs the customer's consent; the missing parts and the "
        "department that follows them up are recorded until the delivery is complete.",
    ),
    "R-EXC-17": (
        "Overdue delivery solution",
        "An order that cannot be delivered on time gets a solution from the department "
        "responsible, with a new date and compensation; the departments concerned approve it "
        "before it applies, and the customer is told.",
    ),
    "R-EXC-18": (
        "Warn the customer early",
        "When a delivery will be late, the customer is warned in advance and a solution is "
        "negotiated, rather than letting them find out.",
    ),
    "R-EXC-19": (
        "Abnormal orders",
        "Special or abnormal orders (an unusual amount, a complaint) are reported to the "
        "superior at once and settled with the departments and the customer; orders not "
        "processed within their time limit are tracked and reminded.",
    ),
    "R-EXC-20": (
        "Execution exceptions",
        "Exceptions during execution (changes, delays, shortages, refunds) are negotiated with "
        "the customer, recorded with their outcome and reported to the superior department.",
    ),
    "R-EXC-21": (
        "Major project issue",
        "A major issue or delay on a project is reported to management with a proposed "
        "solution; management reallocates resources.",
    ),
    "R-EXC-22": (
        "Delivery anomalies",
        "Goods not received or damaged in transport are investigated by logistics, with "
        "after-sales deciding the service and a claim when due.",
    ),
    "R-EXC-23": (
        "What a process exception is",
        "A process exception is anything from people, machines, materials, methods or "
        "environment that makes efficiency, quality, cost, delivery or equipment miss its target.",
    ),
    "R-EXC-24": (
        "Exception meeting every 2 days",
        "Material control (物控部) convenes the section chiefs every two days at 15:30 to go "
        "through the exceptions that hurt efficiency and shipments.",
    ),
    "R-EXC-25": (
        "Exception report form",
        "Each head brings data, samples and a proposed solution on the production process "
        "exception report (生产过程异常提报表); each department reports its own kind of "
        "exception (plan, efficiency, quality, equipment).",
    ),
    "R-EXC-26": (
        "Minutes, and actions started within 4 hours",
        "The meeting's decisions are written in minutes; the heads start each decided action "
        "within four hours after the meeting, and material control checks progress.",
    ),
    "R-EXC-27": (
        "Closed loop",
        "Each meeting checks whether the previous improvements worked; those responsible "
        "explain what was not done, and the manufacturing VP arbitrates responsibility on the "
        "facts.",
    ),
    "R-EXC-28": (
        "Penalties",
        "A unit that seriously delayed shipments and did not improve may be fined by its "
        "supervisor under the manufacturing assessment rules.",
    ),
    "R-EXC-29": (
        "Repeated problems go one level up",
        "The same problem left unimproved twice in a row or more is reported to the "
        "manufacturing VP, who assesses those responsible.",
    ),
    "R-EXC-30": (
        "Daily exception summary",
        "The workshop keeps a daily summary of exceptions: problem, cause, immediate measure, "
        "status and reporter.",
    ),
    "R-EXC-31": (
        "Exception categories",
        "Exceptions are counted by category (quality, equipment, manufacturing, planning, "
        "process) and by the unit responsible.",
    ),
    "R-EXC-32": (
        "Accountability review",
        "A serious error or an impact on delivery leads management to a review that names the "
        "person responsible and decides the handling.",
    ),
    "R-EXC-33": (
        "Sanctions",
        "Missed processing time limits and shipping errors earn warnings or penalties; "
        "violations are classed as serious or general and recorded.",
    ),
    "R-EXC-34": (
        "Risk register",
        "Supplier, logistics, order-processing, payment and legal risks are listed with their "
        "impact and level.",
    ),
    "R-EXC-35": (
        "Risk responses",
        "A risk is avoided (up to refusing the order), reduced, transferred or accepted and "
        "watched.",
    ),
    "R-EXC-36": (
        "Early-warning thresholds",
        "Indicators such as delivery rate, complaint rate, pass rate and supply punctuality "
        "have warning thresholds; reaching one raises a warning, and the department acts at "
        "once and reports upward.",
    ),
    "R-EXC-37": (
        "Emergency plan",
        "An emergency plan with responsibilities and resources, reviewed after each event and "
        "drilled at least once a year.",
    ),
    # Cross-cutting
    "R-X-01": (
        "Order records",
        "Every order's entry, processing, follow-up and payment collection is recorded and "
        "archived.",
    ),
    "R-X-02": ("Traceable orders", "Registering an order is what makes it traceable later."),
    "R-X-03": (
        "Important matters kept",
        "The important steps of a business flow are recorded and kept so that they can be "
        "checked.",
    ),
    "R-X-04": (
        "Approvals leave a trace",
        "Approval and control steps are designed so that who decided what can be traced.",
    ),
    "R-X-05": (
        "Signed opinions",
        "Each review, and each department's signed opinion, is recorded.",
    ),
    "R-X-06": ("Exception records", "The course and outcome of each exception are recorded."),
    "R-X-07": ("Meeting minutes", "Exception meetings keep minutes."),
    "R-X-08": ("Inspection records", "Inspections are recorded."),
    "R-X-13": (
        "Changing the rules",
        "A change of the process needs an application and the general manager's approval, and "
        "is documented (who, when, what, why).",
    ),
    "R-X-14": (
        "Periodic audit",
        "Order processing is audited periodically.",
    ),
    "R-X-15": ("Spot checks", "The execution of the flows is spot-checked."),
    "R-X-31": (
        "Customer privacy",
        "People handling orders keep customer information to themselves.",
    ),
    "R-X-32": (
        "Data access",
        "Order data is protected by access rights, backups and confidentiality commitments.",
    ),
    "R-X-33": ("No leaks or tampering", "Order data is protected against leakage and tampering."),
    "R-X-39": (
        "Unique order number",
        "The system gives every order a unique number on entry, which the customer receives.",
    ),
    # KPIs (order_kpi_report)
    "R-KPI-01": (
        "Monthly order execution report",
        "A monthly summary of order execution data (completion, on-time delivery, plan "
        "achievement, output, exceptions) for management.",
    ),
    "R-KPI-02": (
        "Weekly summary",
        "Material control's weekly meeting summary, week by week with the month's average.",
    ),
    "R-KPI-07": ("Data to collect", "Number of orders, amounts and processing times."),
    "R-KPI-08": (
        "Analysis dimensions",
        "KPIs are analysed by period, department, customer, product and region.",
    ),
    # After-sales (order_aftersales)
    "R-AFS-01": (
        "Service request passed on within 60 minutes",
        "Sales staff who receive a customer's service or quality request record it on the "
        "feedback form and pass it to after-sales within about sixty minutes.",
    ),
    "R-AFS-02": (
        "First contact within 2 hours",
        "The after-sales head contacts the customer within about two hours of receiving the "
        "request and takes charge of it.",
    ),
    "R-AFS-04": (
        "Response within 24 hours",
        "The sales department responds within 24 hours of receiving after-sales feedback and "
        "solves the problem.",
    ),
}

FAMILIES = [
    ("REV", "Review of sale and purchase orders", "order_review"),
    ("PLN", "Planning and follow-up", "order_production_plan"),
    ("EXC", "Exceptions, changes and escalations", "order_exception"),
    ("AFS", "After-sales", "order_aftersales"),
    ("KPI", "KPIs", "order_kpi_report"),
    ("X", "Cross-cutting", None),
]

RULE_RE = re.compile(r"\bR-([A-Z]+)-(\d+)((?:/\d+)*)")
# Files the index never reads: generated from others, translations, itself
SKIP_SUFFIXES = (".po", ".pot", ".png", ".jpg", ".svg", ".ico")
SKIP_NAMES = {"README.rst", "index.html"}
SKIP_PATHS = {"docs/rules.md", "scripts/rule_index.py"}
TEXT_SUFFIXES = (".py", ".xml", ".js", ".md", ".csv", ".rst", ".txt", ".sh", ".cfg", ".toml")


def ids_in(text):
    """The rule ids of a line; R-EXC-01/02 stands for R-EXC-01 and R-EXC-02."""
    found = []
    for family, number, more in RULE_RE.findall(text):
        width = len(number)
        for num in [number] + [n for n in more.split("/") if n]:
            found.append(f"R-{family}-{int(num):0{max(width, 2)}d}")
    return found


def repo_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for rel in sorted(set(out.splitlines())):
        path = ROOT / rel
        if (
            rel in SKIP_PATHS
            or path.name in SKIP_NAMES
            or rel.endswith(SKIP_SUFFIXES)
            or not rel.endswith(TEXT_SUFFIXES)
            or not path.is_file()
        ):
            continue
        yield rel, path


def kind_of(rel):
    parts = rel.split("/")
    if rel.endswith(".md") or rel.endswith(".rst") or parts[0] == "docs":
        return "docs"
    if "tests" in parts:
        return "tests"
    if "demo" in parts:
        return "demo"
    if parts[0].startswith("order_"):
        return "code"
    return "docs"


# ---------------------------------------------------------------------------
# Python: the model and method around a line
# ---------------------------------------------------------------------------
def model_name(cls):
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name) and target.id in ("_name", "_inherit"):
                value = stmt.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    if target.id == "_name":
                        return value.value
                    name = value.value
                elif isinstance(value, ast.List | ast.Tuple) and value.elts:
                    first = value.elts[0]
                    name = first.value if isinstance(first, ast.Constant) else None
                else:
                    continue
                if target.id == "_inherit" and not any(
                    isinstance(s, ast.Assign)
                    and isinstance(s.targets[0], ast.Name)
                    and s.targets[0].id == "_name"
                    for s in cls.body
                ):
                    return name
    return None


def stmt_label(stmt):
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
        return stmt.name
    if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    return None


def python_places(path, lines):
    """{line number: (class node or None, label)} for every line citing a rule.

    A line inside a function is that function; inside a class-level
    statement (a field), that field; a class-level comment applies to the
    statements that follow it up to the next class-level comment; a
    docstring, to its class or module."""
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return {}
    places = {}
    cited = {i for i, line in enumerate(lines, 1) if RULE_RE.search(line)}
    if not cited:
        return places
    module_doc = tree.body[0] if tree.body and isinstance(tree.body[0], ast.Expr) else None
    for i in cited:
        if module_doc and module_doc.lineno <= i <= module_doc.end_lineno:
            places[i] = (None, None)
    classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for i in cited - set(places):
        cls = next(
            (c for c in sorted(classes, key=lambda c: -c.lineno) if c.lineno <= i <= c.end_lineno),
            None,
        )
        func = min(
            (f for f in functions if f.lineno <= i <= f.end_lineno),
            key=lambda f: f.end_lineno - f.lineno,
            default=None,
        )
        if func is not None:
            places[i] = (cls, [func.name])
            continue
        if cls is None:
            # a module-level constant, or the comment above one
            stmt = next(
                (
                    t
                    for t in tree.body
                    if t.lineno <= i <= t.end_lineno
                    or (t.lineno > i and lines[i - 1].strip().startswith("#"))
                ),
                None,
            )
            places[i] = (None, [stmt_label(stmt)] if stmt and stmt_label(stmt) else None)
            continue
        stmt = next((s for s in cls.body if s.lineno <= i <= s.end_lineno), None)
        if stmt is not None:
            if stmt is cls.body[0] and isinstance(stmt, ast.Expr):
                places[i] = (cls, None)  # class docstring
            else:
                places[i] = (cls, [stmt_label(stmt) or f"line {i}"])
            continue
        # a class-level comment: the statements up to the next comment block
        next_comment = next(
            (
                j
                for j in range(i + 1, cls.end_lineno + 1)
                if lines[j - 1].strip().startswith("#") and not lines[j - 2].strip().startswith("#")
            ),
            cls.end_lineno + 1,
        )
        section = [s for s in cls.body if i < s.lineno < next_comment and stmt_label(s)]
        if not path.name.startswith("test"):
            # in code, what the comment introduces: the statements up to the
            # first blank line (a group of fields, or one method)
            block = []
            for stmt in section:
                start = stmt.lineno - len(getattr(stmt, "decorator_list", []))
                if block and not lines[start - 2].strip():
                    break
                block.append(stmt)
            section = block
        places[i] = (cls, [stmt_label(s) for s in section] or None)
    return places


def python_entry(rel, cls, labels, kind):
    """(prefix, labels) of a Python line: test file and tests, or module and
    model and methods / fields."""
    module = rel.split("/")[0]
    file_name = rel.split("/")[-1]
    if kind == "tests":
        if labels:
            tests = [label for label in labels if label.startswith("test")]
            return f"`{file_name}`", tests or labels
        if cls is not None:
            return f"`{file_name}`", [cls.name]
        return f"`{file_name}`", []
    model = (model_name(cls) or cls.name) if cls is not None else file_name
    return f"{module} › `{model}`", labels or []


# ---------------------------------------------------------------------------
# XML and the rest
# ---------------------------------------------------------------------------
TAG_RE = re.compile(r"<(record|function|menuitem|template)\b([^>]*)")
ATTR_RE = re.compile(r"\b(id|model|name)=\"([^\"]+)\"")


def xml_label(line):
    match = TAG_RE.search(line)
    if not match:
        return None
    attrs = dict(ATTR_RE.findall(match.group(2)))
    if match.group(1) == "function":
        return f"{attrs.get('model', '')}.{attrs.get('name', '')}()"
    return attrs.get("id")


def comment_lines(lines):
    """Numbers of the lines that are (partly) in an XML comment."""
    inside, numbers = False, set()
    for i, line in enumerate(lines, 1):
        rest = line
        while rest:
            if inside:
                numbers.add(i)
                end = rest.find("-->")
                if end < 0:
                    break
                inside, rest = False, rest[end + 3 :]
            else:
                start = rest.find("<!--")
                if start < 0:
                    break
                inside, rest = True, rest[start + 4 :]
                numbers.add(i)
    return numbers


def xml_entry(rel, lines, i, comments):
    """(prefix, labels): the record around line i, or the one a comment
    introduces."""
    prefix = f"{rel.split('/')[0]} › `{rel.split('/')[-1]}`"
    if i in comments:
        search = range(i, min(len(lines), i + 40) + 1)
    else:
        search = range(i, 0, -1)
    for j in search:
        label = xml_label(lines[j - 1])
        if label:
            return prefix, [label]
    return prefix, []


def collect():
    """{rule: {kind: {prefix: [labels]}}}, in the order met."""
    where = defaultdict(lambda: defaultdict(dict))
    for rel, path in repo_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if not RULE_RE.search(text):
            continue
        lines = text.splitlines()
        kind = kind_of(rel)
        places = python_places(path, lines) if rel.endswith(".py") else {}
        comments = comment_lines(lines) if rel.endswith(".xml") else set()
        for i, line in enumerate(lines, 1):
            ids = ids_in(line)
            if not ids:
                continue
            if rel.endswith(".py"):
                cls, labels = places.get(i, (None, None))
                prefix, labels = python_entry(rel, cls, labels, kind)
            elif rel.endswith(".xml"):
                prefix, labels = xml_entry(rel, lines, i, comments)
            elif kind == "tests" and rel.endswith(".js"):
                prefix, labels = f"tour `{rel.split('/')[-1]}`", []
            else:
                prefix, labels = f"`{rel}`", []
            for rule in ids:
                known = where[rule][kind].setdefault(prefix, [])
                known += [label for label in labels if label not in known]
    return where


MAX_LABELS = 8


def entries(places):
    result = []
    for prefix, labels in places.items():
        shown = ", ".join(f"`{label}`" for label in labels[:MAX_LABELS])
        if len(labels) > MAX_LABELS:
            shown += f" (+{len(labels) - MAX_LABELS})"
        result.append(prefix + (" › " + shown if labels else ""))
    return result


def family_key(rule):
    _r, family, number = rule.split("-")
    order = [f[0] for f in FAMILIES]
    return (order.index(family) if family in order else len(order), family, int(number))


def cell(entries):
    return "<br>".join(entries) if entries else "—"


def render(where):
    out = [
        "# The rules of the regulations, and where the suite applies them",
        "",
        "<!-- Generated by scripts/rule_index.py: edit the explanations there (RULES), "
        "then run it again. -->",
        "",
        "The suite implements a manufacturer's written order-management regulations "
        "(订单管理制度). Each rule has an id (R-REV-nn for the review of orders, R-PLN-nn for "
        "planning, R-EXC-nn for exceptions and changes, R-AFS-nn for after-sales, R-KPI-nn "
        "for KPIs, R-X-nn for cross-cutting rules): the code, the tests, the demo data and the "
        "documents cite these ids. This page lists every id they cite, with what the rule asks "
        "in this project's words, where the code enforces it, where a test checks it, and "
        "which demo records and documents mention it.",
        "",
        "The last three columns are found by `python scripts/rule_index.py`, which reads the "
        "repository again (Python by class and method, XML by record); run it after changing "
        "code or tests (`--check` fails when this page is out of date). A range such as "
        '"R-EXC-25 to R-EXC-29" counts as a citation of its two ends. '
        '"Enforced in" names module › model › method (or field, or data record); '
        '"Tested in" names test file › test.',
        "",
    ]
    cited = sorted(where, key=family_key)
    missing = [rule for rule in cited if rule not in RULES]
    for family, title, module in FAMILIES:
        rules = [rule for rule in cited if rule.split("-")[1] == family]
        if not rules:
            continue
        heading = f"## {title} (R-{family})"
        if module:
            heading += f": `{module}`" if (ROOT / module).is_dir() else ""
        out += [
            heading,
            "",
            "| Rule | What it asks | Enforced in | Tested in | Demo and docs |",
            "|---|---|---|---|---|",
        ]
        for rule in rules:
            name, text = RULES.get(
                rule, ("(no explanation yet)", "Add one to RULES in scripts/rule_index.py.")
            )
            places = where[rule]
            out.append(
                f"| **{rule}** | **{name}.** {text} | {cell(entries(places['code']))} | "
                f"{cell(entries(places['tests']))} | "
                f"{cell(entries(places['demo']) + entries(places['docs']))} |"
            )
        out.append("")
    others = sorted({r.split("-")[1] for r in cited} - {f[0] for f in FAMILIES})
    for family in others:
        out += [f"## R-{family}", ""]
        out += [f"- {rule}" for rule in cited if rule.split("-")[1] == family]
        out.append("")
    return "\n".join(out).rstrip() + "\n", missing


def main(argv):
    text, missing = render(collect())
    for rule in missing:
        print(f"rule_index: {rule} is cited but has no explanation in RULES", file=sys.stderr)
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(
                "rule_index: docs/rules.md is out of date: run python scripts/rule_index.py",
                file=sys.stderr,
            )
            return 1
        return 0
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"rule_index: {OUTPUT.relative_to(ROOT)} written ({text.count('| **R-')} rules)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
