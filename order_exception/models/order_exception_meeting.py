# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .order_exception_report import OPEN_STATES


class OrderExceptionMeeting(models.Model):
    """The exception meeting (R-EXC-24 to R-EXC-27): 物控部 convenes the
    section chiefs every 2 days at 15:30, goes through the open reports due
    before the next meeting, records the actions decided (会议记录); each
    action must start within 4 working hours of the meeting.

    The next meeting falls the company's interval of working days later, on
    its working calendar (public holidays skipped, make-up working days
    counted), at the meeting's local time."""

    _name = "order.exception.meeting"
    _description = "Exception Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.workflow.mixin"]
    _workflow_guarded_fields = ("state",)
    # the agenda is what the meeting went through (the reports keep the link)
    _workflow_frozen_fields = ("report_ids",)
    _workflow_editable_states = ("planned",)
    _order = "date desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    duration = fields.Float(default=1.0, help="In hours.")
    next_date = fields.Datetime(
        string="Next Meeting",
        compute="_compute_next_date",
        store=True,
        help="The company's interval of working days after the meeting (every 2 days by "
        "default), at the same time of day.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda self: self.env.company
    )
    convener_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        default=lambda self: self.env.user,
    )
    department_id = fields.Many2one(
        comodel_name="order.department",
        string="Convening Department",
        help="物控部 by the regulations.",
    )
    attendee_ids = fields.Many2many(comodel_name="res.users", string="Attendees")
    state = fields.Selection(
        selection=[("planned", "Planned"), ("held", "Held"), ("cancel", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
    )
    report_ids = fields.Many2many(
        comodel_name="order.exception.report",
        relation="order_exception_meeting_report_rel",
        column1="meeting_id",
        column2="report_id",
        string="Agenda",
        help="The open reports due before the next meeting.",
    )
    action_ids = fields.One2many(
        comodel_name="order.exception.meeting.action",
        inverse_name="meeting_id",
        string="Actions Decided",
        copy=False,
    )
    minutes = fields.Html()

    @api.depends(
        "date",
        "company_id.order_exception_meeting_interval",
        "company_id.resource_calendar_id",
    )
    def _compute_next_date(self):
        """Through the deadline engine: `interval` working days later, at the
        same local time, on the company's working calendar."""
        Policy = self.env["order.sla.policy"]
        for meeting in self:
            if not meeting.date:
                meeting.next_date = False
                continue
            company = meeting.company_id or self.env.company
            days = company.order_exception_meeting_interval or 2
            calendar = company.resource_calendar_id
            unit = "working_days" if calendar else "calendar_days"
            meeting.next_date = Policy._shift(calendar, [meeting.date], days, unit)[0]

    @api.model_create_multi
    def create(self, vals_list):
        # the number comes from the sequence: a client's own number is ignored
        self._workflow_number(vals_list, "order.exception.meeting")
        meetings = super().create(vals_list)
        meetings.filtered(lambda m: not m.report_ids).action_load_agenda()
        return meetings

    def action_load_agenda(self):
        """The open reports due before the next meeting, or with no target
        date yet, or overdue: what the meeting must go through."""
        for meeting in self:
            reports = self.env["order.exception.report"].search(
                [
                    ("company_id", "=", meeting.company_id.id),
                    ("state", "in", OPEN_STATES),
                    "|",
                    ("date_due", "=", False),
                    ("date_due", "<=", fields.Date.to_date(meeting.next_date)),
                ]
            )
            meeting.report_ids = [Command.set(reports.ids)]
        return True

    def action_hold(self):
        """The meeting is held: the actions' 4-hour clocks start, the next
        meeting is planned, the reports discussed move on."""
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(
                    self.env._("%(meeting)s was already held.", meeting=meeting.display_name)
                )
        self._workflow_write({"state": "held"})
        for meeting in self:
            meeting.action_ids._start_clocks(meeting.date)
            # the reports taken in hand at the meeting are acknowledged
            meeting.action_ids.report_id.filtered(
                lambda r: r.state == "new"
            ).sudo().action_acknowledge()
            meeting.report_ids.sudo().meeting_ids = [Command.link(meeting.id)]
            meeting._plan_next()
        return True

    def _plan_next(self):
        self.ensure_one()
        later = self.search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "planned"),
                ("date", ">", self.date),
            ],
            limit=1,
        )
        if not later:
            # a copy starts planned: the guard does not copy the state
            self.copy(
                {
                    "date": self.next_date,
                    "report_ids": False,
                    "minutes": False,
                }
            )

    def action_cancel(self):
        self._workflow_write({"state": "cancel"})
        return True

    def action_print(self):
        return self.env.ref("order_exception.action_report_exception_meeting").report_action(self)
