# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from odoo.addons.order_exception.models.order_exception_report import (
    OPEN_STATES as REPORT_OPEN_STATES,
)

# the exception category a quality complaint is reported under (R-EXC-31)
QUALITY_CATEGORY_CODE = "quality"
# how serious the exception report of a complaint is, from the request's
# priority: an urgent complaint reaches the department head at once, a
# critical one the general manager (R-EXC-21)
SEVERITY_BY_PRIORITY = {"0": "minor", "1": "minor", "2": "major", "3": "critical"}


class OrderServiceRequest(models.Model):
    """Complaints (R-AFS-11..13, R-AFS-22): the cause found, the department
    that answers for it, the corrective action that prevents a recurrence.

    A quality complaint (``is_quality``) becomes an exception report of the
    ``quality`` category of order_exception, with the product, the lot, the
    order and the customer, so that the same problem coming back climbs the
    report's ladder (R-EXC-29, the report's own repeat rule). The report is
    raised when after-sales first contacts the customer about a request
    marked as a quality complaint (the clerk's classification at intake is
    not after-sales' judgement), or at any time with "Raise Exception
    Report". An open report of the same product (and lot) is linked rather
    than duplicated: one problem, one closed loop."""

    _inherit = "order.service.request"  # pylint: disable=consider-merging-classes-inherited

    _workflow_guarded_fields = ("exception_report_id",)

    is_quality = fields.Boolean(
        string="Quality Complaint",
        tracking=True,
        help="The customer complains about the product's quality: after-sales raises an "
        "exception report of the quality category (R-AFS-11, R-AFS-22).",
    )
    complaint_cause = fields.Text(
        string="Cause",
        help="The cause found (R-AFS-11: investigate the cause quickly).",
    )
    responsible_department_id = fields.Many2one(
        comodel_name="order.department",
        check_company=True,
        index="btree_not_null",
        tracking=True,
        help="The department the complaint is about and which answers for it; the "
        "exception report goes to its head (R-AFS-11, R-AFS-22).",
    )
    corrective_action = fields.Text(
        help="What is done so that it does not happen again (R-AFS-11).",
    )
    exception_report_id = fields.Many2one(
        comodel_name="order.exception.report",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        groups="base.group_user",
    )
    exception_report_state = fields.Selection(
        related="exception_report_id.state",
        string="Exception Report Status",
        groups="base.group_user",
    )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_contact(self):
        """A quality complaint is reported once after-sales has contacted the
        customer (R-AFS-02, R-AFS-11)."""
        result = super().action_contact()
        self.filtered(
            lambda r: r.is_quality and not r.exception_report_id
        )._raise_exception_report()
        return result

    def action_raise_exception_report(self):
        """Raise (or link) the exception report of these quality complaints:
        after-sales people only."""
        self._check_agent()
        for request in self:
            if not request.is_quality:
                raise UserError(
                    self.env._(
                        "%(request)s is not a quality complaint: tick Quality Complaint first.",
                        request=request.display_name,
                    )
                )
            if request.exception_report_id:
                raise UserError(
                    self.env._(
                        "%(request)s is reported already: %(report)s.",
                        request=request.display_name,
                        report=request.exception_report_id.display_name,
                    )
                )
            if request.state == "cancel":
                raise UserError(
                    self.env._(
                        "%(request)s is cancelled: it raises no exception report.",
                        request=request.display_name,
                    )
                )
        self._raise_exception_report()
        return self.action_open_exception_report() if len(self) == 1 else True

    def action_open_exception_report(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.exception.report",
            "res_id": self.exception_report_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # The exception report
    # ------------------------------------------------------------------
    def _complaint_product_lot(self):
        """The product and lot complained about: the request's, else its
        first line's."""
        self.ensure_one()
        if self.product_id:
            return self.product_id, self.lot_id
        line = self.line_ids[:1]
        return line.product_id, line.lot_id

    def _complaint_sale_order(self):
        self.ensure_one()
        return (
            self.sale_order_id or self.picking_id.sale_id or self.line_ids.sale_line_id.order_id[:1]
        )

    def _complaint_open_report_domain(self, category):
        """The open report of the same problem: the same product (and lot when
        the complaint names one), else, without a product, the same order."""
        self.ensure_one()
        product, lot = self._complaint_product_lot()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("category_id", "=", category.id),
            ("state", "in", REPORT_OPEN_STATES),
        ]
        if product:
            domain.append(("product_id", "=", product.id))
            if lot:
                domain.append(("lot_id", "=", lot.id))
        else:
            order = self._complaint_sale_order()
            if not order:
                return None
            domain += [("product_id", "=", False), ("sale_order_id", "=", order.id)]
        return domain

    def _complaint_report_vals(self, category):
        self.ensure_one()
        product, lot = self._complaint_product_lot()
        order = self._complaint_sale_order()
        description = "\n\n".join(
            text
            for text in (
                html2plaintext(self.description or "").strip(),
                self.complaint_cause and self.env._("Cause: %(cause)s", cause=self.complaint_cause),
            )
            if text
        )
        vals = {
            "title": self.env._(
                "Customer complaint %(request)s: %(subject)s",
                request=self.name,
                subject=self.subject,
            ),
            "description": description,
            "category_id": category.id,
            "severity": SEVERITY_BY_PRIORITY.get(self.priority, "minor"),
            "company_id": self.company_id.id,
            "sale_order_id": order.id,
            "picking_id": self.picking_id.id,
            "product_id": product.id,
            "lot_id": lot.id,
            "partner_id": self.commercial_partner_id.id,
            "reporter_id": self.env.uid,
        }
        if self.responsible_department_id:
            vals["department_id"] = self.responsible_department_id.id
        return vals

    def _raise_exception_report(self):
        """Raise the quality exception report of each request, or link the open
        one of the same product and lot; tell the order and the report.

        The report is created as superuser once the caller is known to be
        after-sales: an agent need not be an inspector of order_exception to
        report a customer's complaint; it is reported in their name."""
        Report = self.env["order.exception.report"].sudo()
        categories = self._complaint_categories()
        for request in self:
            category = categories[request.company_id]
            domain = request._complaint_open_report_domain(category)
            report = (
                Report.search(domain, order="found_date desc, id desc", limit=1)
                if domain
                else Report
            )
            linked = bool(report)
            if not report:
                report = Report.with_company(request.company_id).create(
                    request._complaint_report_vals(category)
                )
            request._workflow_write({"exception_report_id": report.id})
            request._complaint_tell(report, linked)

    def _complaint_categories(self):
        """{company: quality exception category} of these requests, looked up
        once per company."""
        Category = self.env["order.exception.category"].sudo()
        categories = {}
        for company in self.company_id:
            category = Category._get_by_code(QUALITY_CATEGORY_CODE, company)
            if not category:
                raise UserError(
                    self.env._(
                        "Configure an exception category of code %(code)s.",
                        code=QUALITY_CATEGORY_CODE,
                    )
                )
            categories[company] = category
        return categories

    def _complaint_tell(self, report, linked):
        """The request, the report and the sale order say what happened."""
        self.ensure_one()
        values = {"service_request": self, "report": report, "linked": linked}
        render = self.env["ir.qweb"]._render
        self.message_post(
            body=render("order_aftersales.complaint_message_request", values),
            subtype_xmlid="mail.mt_note",
        )
        if linked:
            report.message_post(
                body=render("order_aftersales.complaint_message_report", values),
                subtype_xmlid="mail.mt_note",
            )
            if report.state == "resolved":
                # the improvement awaits its check and the problem is back:
                # whoever checks it should know (R-EXC-27, R-EXC-29)
                for user in report.department_id.manager_id or report.addressee_ids:
                    report.activity_schedule(
                        "mail.mail_activity_data_todo",
                        summary=self.env._(
                            "Complaint while awaiting verification: %(request)s",
                            request=self.name,
                        ),
                        user_id=user.id,
                    )
        # sudo: an agent tells the order's salesperson whatever orders they may read
        order = self.sudo()._complaint_sale_order()
        if order:
            salesperson = order.user_id.partner_id - self.env.user.partner_id
            order.message_post(
                body=render("order_aftersales.complaint_message_order", values),
                subtype_xmlid="mail.mt_note",
                partner_ids=salesperson.ids,
            )
