# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast
import copy
import functools
from collections import defaultdict

from odoo import Command, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time

from .order_exception_report import SEVERITIES


@functools.lru_cache(maxsize=512)
def _literal_domain_cached(text):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _literal_domain(text):
    """The domain of a rule written as a literal (most are), parsed once;
    None when it uses names (now, today, user…): safe_eval it then."""
    domain = _literal_domain_cached(text)
    return copy.deepcopy(domain) if isinstance(domain, list) else None


class OrderExceptionRule(models.Model):
    """A detection rule (R-EXC-19, R-EXC-36): what makes a sale order, a
    purchase order, a transfer or a manufacturing order abnormal.

    A rule is a domain, and optionally a method for what a domain cannot say.
    Rules are evaluated in batch: all the domain rules of a model in one SQL
    query, whatever the number of records (never one query per record). A
    rule checked at confirmation and marked blocking stops the confirmation
    until the document is fixed or a manager overrides it with a reason; a
    rule that raises reports is run by the scan cron and opens an exception
    report for each document it finds (late deliveries, late supplier
    receipts, batches below the pass rate). Changes to its meaningful fields
    are tracked in its chatter: who, when, old → new.
    """

    _name = "order.exception.rule"
    _inherit = ["order.audited.config.mixin", "order.cached.config.mixin", "mail.thread"]
    _description = "Exception Detection Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Text(
        translate=True, tracking=True, help="What is wrong and how to fix it, shown to the user."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        tracking=True,
        help="Leave empty to apply the rule in every company.",
    )
    model = fields.Selection(
        selection="_selection_model", string="Applies To", required=True, index=True, tracking=True
    )
    domain = fields.Char(
        string="Condition",
        required=True,
        default="[]",
        tracking=True,
        help="The documents that are in exception. Besides the fields, the domain may use "
        "now, today, datetime, relativedelta, user and company_ids.",
    )
    method = fields.Selection(
        selection="_selection_method",
        string="Check in Code",
        tracking=True,
        help="A check written in code, for what a domain cannot say; it looks only at the "
        "documents the condition selects.",
    )
    severity = fields.Selection(selection=SEVERITIES, required=True, default="minor", tracking=True)
    check_on_confirm = fields.Boolean(
        string="Check at Confirmation",
        default=True,
        tracking=True,
        help="Shown on the document before it is confirmed (validated for transfers).",
    )
    blocking = fields.Boolean(
        tracking=True,
        help="The document cannot be confirmed while the rule finds it, unless a manager "
        "overrides it with a reason.",
    )
    raise_report = fields.Boolean(
        string="Raise Exception Reports",
        tracking=True,
        help="The scan cron raises an exception report for each document the rule finds "
        "(once per document).",
    )
    category_id = fields.Many2one(
        comodel_name="order.exception.category",
        string="Report Category",
        tracking=True,
        help="Category of the reports the rule raises.",
    )
    policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Reaction Deadline",
        tracking=True,
        help="Deadline of the reports the rule raises, instead of the category's "
        "(a late supplier is reported within 30 minutes: R-EXC-11).",
    )
    report_department_ids = fields.Many2many(
        comodel_name="order.department",
        string="Report To",
        tracking=True,
        help="The heads of these departments receive the reports the rule raises "
        "(a batch below 95 %: QC and purchasing, R-EXC-10).",
    )
    report_ids = fields.One2many(
        comodel_name="order.exception.report", inverse_name="rule_id", string="Reports"
    )
    report_count = fields.Integer(compute="_compute_report_count")

    @api.model
    def _selection_model(self):
        # labels in the user's language: the models' names, which Odoo translates
        return [
            (name, self.env["ir.model"]._get(name).name or self.env[name]._description)
            for name in self.env["order.exception.rule.mixin"]._exception_models()
        ]

    @api.model
    def _selection_method(self):
        methods = []
        for name in self.env["order.exception.rule.mixin"]._exception_models():
            methods += self.env[name]._exception_rule_methods()
        return methods

    @api.depends("report_ids")
    def _compute_report_count(self):
        counts = dict(
            self.env["order.exception.report"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.report_count = counts.get(rule, 0)

    @api.constrains("domain", "model")
    def _check_domain(self):
        for rule in self:
            try:
                domain = safe_eval(rule.domain or "[]", rule._get_eval_context())
                self.env[rule.model].sudo()._search(domain)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the condition is not valid (%(error)s).",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    @api.constrains("method", "model")
    def _check_method(self):
        for rule in self.filtered("method"):
            if not hasattr(self.env[rule.model], f"_exception_rule_{rule.method}"):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: this check does not apply to %(model)s.",
                        rule=rule.name,
                        model=rule.model,
                    )
                )

    # ------------------------------------------------------------------
    # Cache: the rules of a model are looked up without a query
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache("model_name", "purpose")
    def _get_rule_ids(self, model_name, purpose):
        domain = [("model", "=", model_name)]
        if purpose == "confirm":
            domain.append(("check_on_confirm", "=", True))
        elif purpose == "blocking":
            domain += [("check_on_confirm", "=", True), ("blocking", "=", True)]
        elif purpose == "report":
            domain.append(("raise_report", "=", True))
        return tuple(self.sudo().search(domain).ids)

    @api.model
    def _get_rules(self, model_name, purpose, companies=None):
        """Active rules of `model_name` for `purpose` (confirm, blocking,
        report), limited to those of `companies` and the shared ones."""
        rules = self.browse(self._get_rule_ids(model_name, purpose)).sudo()
        if companies is not None and rules:
            rules = rules.filtered(lambda r: not r.company_id or r.company_id in companies)
        return rules

    # ------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------
    def _get_eval_context(self):
        return {
            "datetime": datetime,
            "time": time,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "now": fields.Datetime.now(),
            "today": fields.Date.context_today(self),
            "user": self.env.user,
            "uid": self.env.uid,
            "company_ids": self.env.companies.ids,
        }

    def _detect(self, model_name, ids=None):
        """The documents each rule of `self` finds, all domain rules in one query.

        :param ids: the documents to check; None checks every document
        :return: {document id: rules}
        """
        found = defaultdict(self.browse)
        if not self or ids is not None and not ids:
            return found
        model = self.env[model_name].sudo().with_context(active_test=False)
        table = SQL.identifier(model._table, "id")
        context = self._get_eval_context()
        parts = []
        for rule in self:
            domain = _literal_domain(rule.domain or "[]")
            if domain is None:
                domain = safe_eval(rule.domain, context)
            if rule.company_id and "company_id" in model._fields:
                domain = [("company_id", "in", [rule.company_id.id]), *domain]
            query = model._search(domain)
            if query.is_empty():
                continue
            if ids is not None:
                query.add_where(SQL("%s IN (SELECT id FROM order_exception_scope)", table))
            parts.append(query.select(SQL("%s", rule.id), table))
        if parts:
            union = SQL(" UNION ALL ").join(parts)
            if ids is not None:
                union = SQL(
                    "WITH order_exception_scope AS (SELECT unnest(%s::int[]) AS id) %s",
                    list(ids),
                    union,
                )
            self.env.flush_query(union)  # raw SQL: what the ORM holds must be in the tables
            self.env.cr.execute(union)
            by_rule = defaultdict(list)
            for rule_id, record_id in self.env.cr.fetchall():
                by_rule[rule_id].append(record_id)
            by_record = defaultdict(list)
            for rule in self:
                record_ids = by_rule.get(rule.id)
                if not record_ids:
                    continue
                if rule.method:
                    checked = getattr(model.browse(record_ids), f"_exception_rule_{rule.method}")()
                    record_ids = checked.ids
                for record_id in record_ids:
                    by_record[record_id].append(rule.id)
            for record_id, rule_ids in by_record.items():
                found[record_id] = self.browse(rule_ids)
        return found

    # ------------------------------------------------------------------
    # Scan: rules that raise exception reports
    # ------------------------------------------------------------------
    @api.model
    def _cron_scan(self):
        """Raise the reports of every rule that raises reports."""
        for model_name in self.env["order.exception.rule.mixin"]._exception_models():
            self._get_rules(model_name, "report")._scan()

    def _scan(self, records=None):
        """Raise a report for each document a rule finds, once per rule and
        document. Called on the rules, or on no rule with `records` (a receipt
        just inspected): then every report-raising rule of their model runs.

        :return: the new reports
        """
        Report = self.env["order.exception.report"].sudo()
        rules = self
        if not rules:
            if not records:
                return Report
            rules = self._get_rules(records._name, "report")
        reports = Report
        for model_name, model_rules in rules.grouped("model").items():
            found = model_rules._detect(
                model_name, ids=records.ids if records is not None else None
            )
            if not found:
                continue
            field = model_rules.env[model_name]._exception_report_field
            existing = {
                (rule.id, document.id)
                for rule, document in Report._read_group(
                    [("rule_id", "in", model_rules.ids), (field, "in", list(found))],
                    ["rule_id", field],
                )
            }
            documents = self.env[model_name].sudo().browse(list(found))
            default_category = self.env.ref("order_exception.exception_category_production")
            vals_list = []
            for document in documents:
                for rule in found[document.id]:
                    if (rule.id, document.id) not in existing:
                        vals_list.append(
                            {
                                "title": rule.name,
                                "description": rule.description,
                                "rule_id": rule.id,
                                "category_id": (rule.category_id or default_category).id,
                                "severity": rule.severity,
                                "addressee_ids": [
                                    Command.set(rule.report_department_ids.manager_id.ids)
                                ],
                                **document._exception_report_vals(),
                            }
                        )
            if vals_list:
                reports |= Report.create(vals_list)
        return reports

    def action_view_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_exception.order_exception_report_action"
        )
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {}
        return action
