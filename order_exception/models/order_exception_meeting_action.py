# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class OrderExceptionMeetingAction(models.Model):
    """An action decided at an exception meeting (R-EXC-26): the department
    head starts it within 4 working hours; the clock is the suite's deadline
    engine (policy ``exception_action_start``)."""

    _name = "order.exception.meeting.action"
    _description = "Exception Meeting Action"
    _inherit = ["order.sla.mixin"]
    _workflow_guarded_fields = ("state", "started_date", "done_date")
    _order = "meeting_id desc, sequence, id"

    sequence = fields.Integer(default=10)
    meeting_id = fields.Many2one(
        comodel_name="order.exception.meeting", required=True, ondelete="cascade", index=True
    )
    report_id = fields.Many2one(
        comodel_name="order.exception.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    name = fields.Text(string="Action", required=True)
    department_id = fields.Many2one(comodel_name="order.department")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        selection=[("todo", "To Start"), ("started", "Started"), ("done", "Done")],
        default="todo",
        required=True,
        readonly=True,
    )
    started_date = fields.Datetime(readonly=True, copy=False)
    done_date = fields.Datetime(readonly=True, copy=False)

    @api.onchange("report_id")
    def _onchange_report_id(self):
        for action in self:
            if action.report_id:
                action.department_id = action.report_id.department_id
                action.user_id = (
                    action.report_id.user_id or action.report_id.department_id.manager_id
                )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        # decided after the meeting was held: the 4 hours count from now (R-EXC-26)
        actions.filtered(lambda a: a.meeting_id.state == "held")._start_clocks(
            fields.Datetime.now()
        )
        return actions

    # The deadline engine tells the story in the report's chatter
    def _sla_get_thread(self):
        return self.report_id

    def _start_clocks(self, meeting_date):
        actions = self.filtered(lambda a: a.state == "todo")
        for company, batch in actions.grouped("company_id").items():
            policy = self.env["order.sla.policy"]._get_by_code("exception_action_start", company)
            if policy:
                batch._sla_start(policy, reference=meeting_date)

    def _check_responsible(self):
        if self.env.su or self.env.user.has_group("order_exception.group_order_exception_head"):
            return
        if any(action.user_id != self.env.user for action in self):
            raise AccessError(self.env._("Only the person responsible starts the action."))

    def action_start(self):
        """The action has started: its 4-hour clock stops; the report is in progress."""
        self._check_responsible()
        actions = self.filtered(lambda a: a.state == "todo")
        actions._sla_stop()
        actions._workflow_write({"state": "started", "started_date": fields.Datetime.now()})
        actions.report_id.filtered(
            lambda r: r.state in ("new", "acknowledged")
        ).sudo().action_start()
        return True

    def action_done(self):
        self._check_responsible()
        self.filtered(lambda a: a.state == "todo").action_start()
        self._workflow_write({"state": "done", "done_date": fields.Datetime.now()})
        return True
