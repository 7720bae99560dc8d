# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from pytz import utc

from odoo import api, fields, models
from odoo.tools import split_every

DURATION_UNITS = [
    ("minutes", "Minutes"),
    ("hours", "Hours"),
    ("working_minutes", "Working minutes"),
    ("working_hours", "Working hours"),
    ("working_days", "Working days"),
    ("calendar_days", "Calendar days"),
]


class OrderSlaPolicy(models.Model):
    """A time limit of the regulations, counted on a working calendar.

    Documents inheriting ``order.sla.mixin`` start a clock with a policy; the
    policy says how long the responsible person has, when to remind them, and
    who is asked after the deadline (the escalation ladder). Changes to its
    fields are tracked in its chatter, and so are the changes to its ladder
    (one note per save, see ``order.sla.escalation``).
    """

    _name = "order.sla.policy"
    _inherit = ["order.audited.config.mixin", "order.coded.mixin", "mail.thread"]
    _description = "Deadline Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        help="Technical key by which the suite's documents find the policy "
        "(one policy per code and company).",
        index=True,
        tracking=True,
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        tracking=True,
        help="Leave empty to use the policy in every company.",
    )
    model_id = fields.Many2one(
        comodel_name="ir.model",
        string="Document",
        ondelete="cascade",
        tracking=True,
        domain=[("transient", "=", False)],
        help="The kind of document whose clock this policy runs.",
    )
    model = fields.Char(related="model_id.model", string="Document Model")
    rule_ref = fields.Char(
        string="Regulation",
        tracking=True,
        help="The rule of the regulations this time limit comes from.",
    )
    duration = fields.Float(required=True, default=4.0, tracking=True)
    duration_unit = fields.Selection(
        selection=DURATION_UNITS,
        string="Unit",
        required=True,
        default="working_hours",
        tracking=True,
    )
    direction = fields.Selection(
        selection=[
            ("forward", "After the event"),
            ("backward", "Before the due date"),
        ],
        required=True,
        default="forward",
        tracking=True,
        help="After the event: the deadline is the event plus the duration "
        "(answer within 4 hours). Before the due date: the deadline is the "
        "due date minus the duration (contact the supplier 5 working days "
        "before the planned date).",
    )
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Calendar",
        tracking=True,
        help="Leave empty to use the working calendar of the document's company.",
    )
    reminder = fields.Float(
        string="Remind Before",
        tracking=True,
        help="The clock turns 'due soon' this long before the deadline. 0: no reminder.",
    )
    reminder_unit = fields.Selection(
        selection=DURATION_UNITS, required=True, default="working_minutes", tracking=True
    )
    escalation_ids = fields.One2many(
        comodel_name="order.sla.escalation",
        inverse_name="policy_id",
        string="Escalation Ladder",
        copy=True,
    )
    note = fields.Html(translate=True)

    _sql_constraints = [
        ("duration_positive", "CHECK(duration > 0)", "A time limit must be longer than zero."),
        ("reminder_positive", "CHECK(reminder >= 0)", "A reminder cannot be negative."),
    ]

    def _get_calendar(self, company):
        self.ensure_one()
        return (
            self.calendar_id
            or company.resource_calendar_id
            or self.env.company.resource_calendar_id
        )

    def _shift(self, calendar, datetimes, amount, unit):
        """Naive UTC datetimes in, naive UTC datetimes out (Odoo's storage)."""
        aware = [utc.localize(dt) for dt in datetimes]
        return [dt.replace(tzinfo=None) for dt in calendar._order_shift(aware, amount, unit)]

    def _compute_deadlines(self, references):
        """Deadlines for a batch.

        :param references: list of (calendar, naive UTC datetime): the event
            (forward) or the due date (backward)
        :return: list of (deadline, reminder date or False)
        """
        self.ensure_one()
        sign = 1 if self.direction == "forward" else -1
        by_calendar = defaultdict(list)
        for index, (calendar, reference) in enumerate(references):
            by_calendar[calendar].append((index, reference))
        result = [None] * len(references)
        for calendar, items in by_calendar.items():
            deadlines = self._shift(
                calendar, [ref for _i, ref in items], sign * self.duration, self.duration_unit
            )
            reminders = (
                self._shift(calendar, deadlines, -self.reminder, self.reminder_unit)
                if self.reminder
                else [False] * len(deadlines)
            )
            for (index, _ref), deadline, reminder in zip(items, deadlines, reminders, strict=True):
                result[index] = (deadline, reminder)
        return result

    def _escalation_after(self, level):
        """The rung that follows `level` (an empty recordset at the top)."""
        self.ensure_one()
        return self.escalation_ids.filtered(lambda e: e.level > level)[:1]

    @api.model
    def _cron_process_deadlines(self, batch_size=1000):
        """The suite's one deadline cron: every model's clocks, in batches
        whose query count does not depend on their size."""
        now = fields.Datetime.now()
        mixin = self.env["order.sla.mixin"]
        for model_name in mixin._sla_models():
            model = self.env[model_name].sudo()
            records = model.search([("sla_next_check", "<=", now)], order="sla_next_check, id")
            for ids in split_every(batch_size, records.ids):
                model.browse(ids)._sla_process(now)
                model.env.flush_all()
                model.env.invalidate_all()
