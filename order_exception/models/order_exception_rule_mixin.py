# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import contextvars

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.order_review.models.order_workflow_mixin import server_flag

from .utils import related_counts

MANAGER_GROUP = "order_exception.group_order_exception_manager"
# The reason of a manager's override, held by the running code (the override
# wizard, after its own checks) for the confirmation it runs: no request can
# set it, unlike a context key.
_OVERRIDE_REASON = contextvars.ContextVar("order_exception_override_reason", default=None)


def exception_override(reason):
    return server_flag(_OVERRIDE_REASON, reason)


class OrderExceptionRuleMixin(models.AbstractModel):
    """A document checked by the exception rules.

    The check is server-side: blocking rules are enforced where the document
    becomes confirmed (the write of its state for sale and purchase orders,
    ``_action_done`` for transfers, ``action_confirm`` for manufacturing
    orders), so the form, RPC, imports and server actions all meet it, and
    other modules' overrides of the confirm buttons cannot go around it. No
    rollback, no second confirmation: a manager's override is one click that
    confirms, with its reason in the chatter.

    Configuration, on the inheriting class:

    * ``_exception_state_field``, ``_exception_draft_states``,
      ``_exception_confirm_states``: for documents whose state is written on
      confirmation, the guard sits in ``write``;
    * ``_exception_confirm_method``: the button the override calls;
    * ``_exception_report_field``: the Many2one of ``order.exception.report``
      pointing to the document (required);
    * ``_exception_report_sequence``: the order in which a report lists its
      documents (the first one is the report's :attr:`document_ref`, opened by
      its Document button): the most specific documents first.

    A new kind of document (a production plan, an after-sales case) joins by
    inheriting this mixin, declaring ``_exception_report_field`` and adding
    that Many2one to ``order.exception.report``: the report finds its
    documents through the registry (``_exception_models``), the rules offer
    the model, the counts and the raise / view buttons follow. Override
    :meth:`_exception_report_vals` to fill more of a new report.
    """

    _name = "order.exception.rule.mixin"
    _inherit = ["order.workflow.mixin"]
    _description = "Document Checked by Exception Rules"
    _workflow_guarded_fields = (
        "exception_override_reason",
        "exception_override_uid",
        "exception_override_date",
    )

    _exception_state_field = "state"
    _exception_draft_states = ("draft",)
    _exception_confirm_states = ()
    _exception_confirm_method = "action_confirm"
    _exception_report_field = None
    _exception_report_sequence = 10

    exception_rule_ids = fields.Many2many(
        comodel_name="order.exception.rule",
        string="Exceptions",
        compute="_compute_exception_rule_ids",
        help="What the exception rules find on the document before its confirmation.",
    )
    exception_blocking = fields.Boolean(
        string="Blocked by Exceptions", compute="_compute_exception_rule_ids"
    )
    exception_override_reason = fields.Text(readonly=True, copy=False)
    exception_override_uid = fields.Many2one(
        comodel_name="res.users", string="Exceptions Overridden By", readonly=True, copy=False
    )
    exception_override_date = fields.Datetime(
        string="Exceptions Overridden On", readonly=True, copy=False
    )
    exception_report_count = fields.Integer(compute="_compute_exception_report_count")

    @api.model
    def _exception_models(self):
        """Names of the concrete models the rules can check."""
        registry = self.env.registry
        return sorted(
            name
            for name in registry.descendants(["order.exception.rule.mixin"], "_inherit")
            if not registry[name]._abstract
        )

    @api.model
    def _exception_rule_methods(self):
        """[(key, label)] of the checks in code of this model: a rule with
        method `key` calls ``_exception_rule_<key>()`` on the documents its
        domain selects, which returns those in exception."""
        return []

    def _exception_pending(self):
        """The records not confirmed yet, which the confirmation rules look at."""
        return self.filtered(
            lambda r: r.id and r[self._exception_state_field] in self._exception_draft_states
        )

    @api.depends(lambda self: [self._exception_state_field])
    def _compute_exception_rule_ids(self):
        """Evaluated on read (one query for all the rules and records shown):
        nothing stored to keep up to date; the confirmation guard evaluates
        the rules afresh, never this cached value."""
        pending = self._exception_pending()
        rules = self.env["order.exception.rule"]._get_rules(
            self._name, "confirm", pending.company_id
        )
        found = rules._detect(self._name, pending.ids) if pending else {}
        for record in self:
            record_rules = found.get(record.id, rules.browse())
            record.exception_rule_ids = record_rules
            record.exception_blocking = any(record_rules.mapped("blocking"))

    def _compute_exception_report_count(self):
        field = self._exception_report_field
        counts = related_counts(self, "order.exception.report", field)
        for record in self:
            record.exception_report_count = counts.get(record, 0)

    # ------------------------------------------------------------------
    # Guard
    # ------------------------------------------------------------------
    def _exception_check_blocking(self):
        """Stop the confirmation while a blocking rule finds the documents,
        unless a manager overrides it through the override wizard (its
        reason is held by the running code, never taken from a request's
        context)."""
        if not self:
            return
        rules = self.env["order.exception.rule"]._get_rules(self._name, "blocking", self.company_id)
        if not rules:
            return
        found = rules._detect(self._name, self.ids)
        if not found:
            return
        reason = _OVERRIDE_REASON.get()
        if reason and self.env.user.has_group(MANAGER_GROUP):
            self.browse(list(found))._exception_log_override(found, reason)
            return
        problems = []
        for record in self.browse(list(found)):
            problems.append(
                self.env._(
                    "%(document)s is blocked by: %(rules)s.",
                    document=record.display_name,
                    rules="; ".join(
                        f"{rule.name} ({rule.description})" if rule.description else rule.name
                        for rule in found[record.id]
                    ),
                )
            )
        problems.append(
            self.env._("Fix it, or ask an exception manager to override it with a reason.")
        )
        raise UserError("\n".join(problems))

    def _exception_log_override(self, found, reason):
        self.sudo().write(
            {
                "exception_override_reason": reason,
                "exception_override_uid": self.env.uid,
                "exception_override_date": fields.Datetime.now(),
            }
        )
        for record in self:
            record._message_log(
                body=Markup("<p>%s</p><ul>%s</ul><p>%s</p>")
                % (
                    self.env._(
                        "Blocking exceptions overridden by %(user)s:", user=self.env.user.name
                    ),
                    Markup("").join(Markup("<li>%s</li>") % rule.name for rule in found[record.id]),
                    escape(self.env._("Reason: %(reason)s", reason=reason)),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if self._exception_confirm_states:
            records.filtered(
                lambda r: r[self._exception_state_field] in self._exception_confirm_states
            )._exception_check_blocking()
        return records

    def write(self, vals):
        if (
            self._exception_confirm_states
            and vals.get(self._exception_state_field) in self._exception_confirm_states
        ):
            # every record not confirmed yet (a cancelled one too)
            self.filtered(
                lambda r: r.id
                and r[self._exception_state_field] not in self._exception_confirm_states
            )._exception_check_blocking()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_exception_override(self):
        """Open the override: a manager writes the reason and confirms at once."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only an exception manager overrides blocking rules."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Exceptions"),
            "res_model": "order.exception.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def action_view_exception_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_exception.order_exception_report_action"
        )
        action["domain"] = [(self._exception_report_field, "=", self.id)]
        action["context"] = {f"default_{self._exception_report_field}": self.id}
        return action

    def action_raise_exception_report(self):
        """Raise an exception report about this document."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_exception.order_exception_report_action"
        )
        action.update(
            views=[(False, "form")],
            view_mode="form",
            context={
                f"default_{key}": value
                for key, value in self._exception_report_vals().items()
                if not isinstance(value, list)
            },
        )
        return action

    def _exception_report_vals(self):
        """Values of a report about this document."""
        self.ensure_one()
        vals = {self._exception_report_field: self.id, "company_id": self.company_id.id}
        if "partner_id" in self._fields and self.partner_id:
            vals["partner_id"] = self.partner_id.id
        return vals
