# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResourceCalendarMakeupDay(models.Model):
    """A weekend or rest day worked to make up for a public holiday (调休上班).

    Chinese holiday schedules move working days onto weekends. On such a date the
    calendar works the hours of the weekday given here, so every duration counted
    in working time (deadlines, and Odoo's own planning) counts that date.
    """

    _name = "resource.calendar.makeup.day"
    _description = "Make-up Working Day"
    _order = "date desc"

    name = fields.Char(string="Reason", required=True, translate=True)
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Calendar",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)
    date = fields.Date(required=True)
    dayofweek = fields.Selection(
        selection=[
            ("0", "Monday"),
            ("1", "Tuesday"),
            ("2", "Wednesday"),
            ("3", "Thursday"),
            ("4", "Friday"),
            ("5", "Saturday"),
            ("6", "Sunday"),
        ],
        string="Works Like",
        required=True,
        default="0",
        help="The weekday whose working hours apply on this date.",
    )

    _sql_constraints = [
        (
            "calendar_date_uniq",
            "unique(calendar_id, date)",
            "A date can be a make-up working day only once per calendar.",
        )
    ]
