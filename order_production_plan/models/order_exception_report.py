# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .order_production_followup import SUPPLY_REMEDIES, general_managers


class OrderExceptionReport(models.Model):
    """A late supply (R-PLN-33, R-EXC-11) is an exception report of the
    category ``late_supply``, raised from a supplier follow-up to the
    purchasing head within the 30 minutes of policy
    ``supplier_delay_report``, with the remedy of the regulations; if the
    remedies fail, the planning head and the order's salesperson are told
    (R-PLN-37)."""

    _inherit = "order.exception.report"

    _workflow_guarded_fields = ("order_followup_id", "purchase_line_id", "still_late_date")

    order_followup_id = fields.Many2one(
        comodel_name="order.production.followup",
        string="Supplier Follow-up",
        readonly=True,
        index="btree_not_null",
    )
    purchase_line_id = fields.Many2one(comodel_name="purchase.order.line", readonly=True)
    supply_remedy = fields.Selection(
        selection=SUPPLY_REMEDIES,
        string="Remedy",
        tracking=True,
        help="R-PLN-33: borrow from the OEM or sister units, urge the supplier, split the "
        "delivery with production, cancel and buy elsewhere, change the manufacturer or "
        "the model with design and sales.",
    )
    still_late_date = fields.Datetime(
        string="Sales Told On",
        readonly=True,
        copy=False,
        help="When the planning head and the salesperson were told the remedies could "
        "not keep the plan (R-PLN-37).",
    )

    @api.model
    def _order_create_late_supply(self, followup):
        """The report of a supplier follow-up's late supply, addressed to the
        purchasing head, on the ``supplier_delay_report`` clock."""
        company = followup.company_id
        category = self.env["order.exception.category"].sudo()._get_by_code("late_supply", company)
        if not category:
            raise UserError(self.env._("Configure an exception category of code late_supply."))
        line = followup.purchase_line_id
        department = company.order_plan_purchase_department_id or category.department_id
        # the purchasing head, else the general managers: never the reporter
        # alone reporting to himself
        head = department.manager_id or general_managers(self.env, company)
        if not head:
            raise UserError(
                self.env._(
                    "Name the head of the purchasing department: the late supply is reported "
                    "to them (R-PLN-33)."
                )
            )
        policy = self.env["order.sla.policy"].sudo()._get_by_code("supplier_delay_report", company)
        if not policy and not category.policy_id:
            raise UserError(
                self.env._(
                    "Configure the deadline policy supplier_delay_report (or the policy of the "
                    "late_supply category): a late supply is reported on a clock (R-PLN-33)."
                )
            )
        with self._workflow_transition():
            report = (
                self.sudo()
                .with_company(company)
                .create(
                    {
                        "title": self.env._(
                            "Late supply: %(product)s from %(supplier)s (%(order)s)",
                            product=line.product_id.display_name,
                            supplier=line.partner_id.display_name,
                            order=line.order_id.name,
                        ),
                        "description": followup.late_reason,
                        "category_id": category.id,
                        "company_id": company.id,
                        "purchase_id": line.order_id.id,
                        "purchase_line_id": line.id,
                        "product_id": line.product_id.id,
                        "partner_id": line.partner_id.id,
                        "sale_order_id": followup._order_sale_order().id,
                        "reporter_id": self.env.user.id,
                        "department_id": department.id,
                        "addressee_ids": [Command.set(head.ids)],
                        "supply_remedy": followup.supply_remedy,
                        "order_followup_id": followup.id,
                    }
                )
            )
        if policy and report.sla_policy_id != policy:
            report._sla_start(policy, reference={report.id: report.found_date}, user=head)
        return report.with_env(self.env)

    def action_still_late(self):
        """R-PLN-37: the remedies cannot keep the plan: the planning head
        and the salesperson of the order are told, so that sales can ask the
        customer for a delay."""
        for report in self:
            if not report.purchase_line_id:
                raise UserError(
                    self.env._("%(report)s is not a late supply.", report=report.display_name)
                )
            if report.state in ("closed", "cancel"):
                raise UserError(self.env._("%(report)s is closed.", report=report.display_name))
            if report.still_late_date:
                raise UserError(
                    self.env._(
                        "%(report)s: sales were already told on %(date)s.",
                        report=report.display_name,
                        date=report._format_date(report.still_late_date),
                    )
                )
            if not report.supply_remedy:
                raise UserError(
                    self.env._(
                        "%(report)s: say which remedy was tried first (R-PLN-33).",
                        report=report.display_name,
                    )
                )
            user = self.env.user
            if user not in (
                report.addressee_ids | report.user_id | report.department_id.manager_id
            ) and not user.has_group("purchase.group_purchase_manager"):
                raise UserError(
                    self.env._(
                        "%(report)s: the purchasing head says when the remedies fail.",
                        report=report.display_name,
                    )
                )
        for report in self:
            order = report.sale_order_id.sudo()
            head = report.company_id.order_plan_department_id.manager_id
            users = head | order.user_id
            note = self.env._(
                "Late supply %(report)s: %(title)s. The remedy (%(remedy)s) cannot keep the "
                "plan: ask the customer for a delay (R-PLN-37).",
                report=report.name,
                title=report.title,
                remedy=dict(self._fields["supply_remedy"]._description_selection(self.env)).get(
                    report.supply_remedy
                ),
            )
            target = order or report.sudo()
            for user in users.filtered("active"):
                target.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=self.env._("Supply still late: ask the customer for a delay"),
                    note=note,
                )
            for record in (order, report.sudo()):
                if record:
                    record._message_log(body=Markup("<p>%s</p>") % note)
            # the buyer tells, the server records it
            report.sudo()._workflow_write({"still_late_date": fields.Datetime.now()})
        return True
