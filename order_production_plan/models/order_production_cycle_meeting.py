# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import calendar as month_calendar
from collections import defaultdict
from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import api, fields, models


class OrderProductionCycleMeeting(models.Model):
    """The monthly production–sales coordination meeting (产销协调会,
    R-PLN-13, R-PLN-14) of a company: the calendar event made for a month,
    with the month's figures attached; one per company and month."""

    _name = "order.production.cycle.meeting"
    _description = "Production–Sales Coordination Meeting"
    _order = "month desc"
    _rec_name = "event_id"

    company_id = fields.Many2one(comodel_name="res.company", required=True, readonly=True)
    month = fields.Date(required=True, readonly=True, help="First day of the month reviewed.")
    event_id = fields.Many2one(comodel_name="calendar.event", readonly=True, ondelete="set null")
    attachment_id = fields.Many2one(comodel_name="ir.attachment", readonly=True)

    _sql_constraints = [
        (
            "company_month_unique",
            "unique(company_id, month)",
            "One coordination meeting per company and month.",
        ),
    ]

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_create_meetings(self):
        """Daily: for each company asking for it, on or after its meeting
        day, the month's meeting event (once)."""
        companies = self.env["res.company"].sudo().search([("order_plan_meeting", "=", True)])
        if not companies:
            return
        now = fields.Datetime.now()
        todo = []
        for company in companies:
            tz = timezone(company.resource_calendar_id.tz or "UTC")
            today = utc.localize(now).astimezone(tz).date()
            last_day = month_calendar.monthrange(today.year, today.month)[1]
            day = min(max(company.order_plan_meeting_day or 25, 1), last_day)
            if today.day >= day:
                todo.append((company, today.replace(day=1), today.replace(day=day), tz))
        if not todo:
            return
        done = {
            (meeting.company_id.id, meeting.month)
            for meeting in self.sudo().search(
                [
                    ("company_id", "in", [c.id for c, *_rest in todo]),
                    ("month", "in", list({m for _c, m, *_rest in todo})),
                ]
            )
        }
        for company, month, day, tz in todo:
            if (company.id, month) not in done:
                self.sudo()._create_meeting(company, month, day, tz, now)

    @api.model
    def _create_meeting(self, company, month, day, tz, now):
        organiser = company.order_plan_department_id.manager_id
        heads = (
            self.env["order.department"]
            .sudo()
            .search([("company_id", "in", [company.id, False])])
            .manager_id
        )
        start = tz.localize(datetime.combine(day, time(14, 0))).astimezone(utc).replace(tzinfo=None)
        if start < now:
            start = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        month_label = month.strftime("%Y-%m")
        event = (
            self.env["calendar.event"]
            .with_company(company)
            .create(
                {
                    "name": self.env._(
                        "Production–sales coordination meeting %(month)s", month=month_label
                    ),
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "user_id": (organiser or self.env.user).id,
                    "partner_ids": [(6, 0, (heads | organiser).partner_id.ids)],
                    # the month's figures are for the attendees only
                    "privacy": "private",
                    "description": self.env._(
                        "R-PLN-14: review of the month (delivery achievement, plan "
                        "achievement, task completion per department, delivery cycles, "
                        "daily plan achievement) and the assessment of next month."
                    ),
                }
            )
        )
        meeting = self.create({"company_id": company.id, "month": month, "event_id": event.id})
        html = self._figures_html(company, month, until=now)
        # linked to the meeting (company rule), not to the event: only the
        # company's users with access to the meeting read the figures
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"coordination-meeting-{month_label}.html",
                "raw": html.encode(),
                "mimetype": "text/html",
                "res_model": self._name,
                "res_id": meeting.id,
                "company_id": company.id,
            }
        )
        meeting.attachment_id = attachment
        event.message_post(body=self.env._("The month's figures for the meeting."))
        return meeting

    # ------------------------------------------------------------------
    # The month's figures
    # ------------------------------------------------------------------
    @api.model
    def _month_figures(self, company, month, until=None):
        """What the suite stores for the month, one query per kind:
        delivery achievement, plan achievement, steps per department,
        delivery-cycle met rates per class, daily plan achievement per machine.
        The month in the company's time zone; only what is due up to `until`
        (the meeting's figures: what is not due yet is not judged)."""
        tz = timezone(company.resource_calendar_id.tz or "UTC")
        next_month = (month + timedelta(days=32)).replace(day=1)

        def utc_naive(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(utc).replace(tzinfo=None)

        start = utc_naive(month)
        month_stop = utc_naive(next_month)
        stop = min(month_stop, until) if until else month_stop
        env = self.env
        _ = env._
        figures = {}
        # delivery achievement: every order due in the month (its first
        # promised date) up to the meeting, delivered by then or late (an
        # undelivered order counts as late); orders promised no date are not
        # judged, cancelled orders are left out
        due_orders = (
            env["sale.order"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "sale"),
                    "|",
                    "&",
                    ("first_commitment_date", ">=", start),
                    ("first_commitment_date", "<", stop),
                    "&",
                    ("first_commitment_date", "=", False),
                    "&",
                    ("commitment_date", ">=", start),
                    ("commitment_date", "<", stop),
                ]
            )
        )
        pickings = (
            env["stock.picking"]
            .sudo()
            .search(
                [
                    ("sale_id", "in", due_orders.ids),
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        delivered = {}
        open_orders = set()
        for picking in pickings:
            if picking.state != "done":
                open_orders.add(picking.sale_id.id)
            else:
                delivered[picking.sale_id.id] = max(
                    delivered.get(picking.sale_id.id, datetime.min), picking.date_done
                )
        on_time = sum(
            1
            for order in due_orders
            if order.id in delivered
            and order.id not in open_orders
            and delivered[order.id] <= (order.first_commitment_date or order.commitment_date)
        )
        figures["delivery"] = (on_time, len(due_orders))
        # plan achievement: plans due in the month done by their finish date
        plans = (
            env["order.production.plan"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "!=", "cancel"),
                    ("finish_date", ">=", start),
                    ("finish_date", "<", stop),
                ]
            )
        )
        figures["plans"] = (
            len(
                plans.filtered(
                    lambda p: p.state == "done" and p.done_date and p.done_date <= p.finish_date
                )
            ),
            len(plans),
        )
        # steps per department: due in the month, done on time
        steps = defaultdict(lambda: [0, 0])
        for department, on_time_flag, count in (
            env["order.production.plan.step"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "!=", "cancel"),
                    ("planned_finish", ">=", start),
                    ("planned_finish", "<", stop),
                ],
                ["department_id", "on_time"],
                ["__count"],
            )
        ):
            steps[department.display_name or "-"][1] += count
            if on_time_flag:
                steps[department.display_name or "-"][0] += count
        figures["steps"] = dict(steps)
        # delivery cycles per class: orders delivered in the month, each cycle's standard
        cycles = defaultdict(lambda: [0, 0])
        orders = env["sale.order"]
        classes = dict(orders._fields["order_delivery_class"]._description_selection(env))
        for cycle, label in (
            ("order_cycle_confirmation_met", _("confirmation")),
            ("order_cycle_production_met", _("production")),
            ("order_cycle_logistics_met", _("logistics")),
        ):
            for delivery_class, verdict, count in orders.sudo()._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "sale"),
                    ("order_cycle_delivered", ">=", start),
                    ("order_cycle_delivered", "<", stop),
                    (cycle, "!=", False),
                ],
                ["order_delivery_class", cycle],
                ["__count"],
            ):
                key = f"{classes.get(delivery_class, delivery_class or '-')} / {label}"
                cycles[key][1] += count
                if verdict == "met":
                    cycles[key][0] += count
        figures["cycles"] = dict(cycles)
        # daily plan achievement per machine
        figures["daily"] = {
            workcenter.display_name: (actual, planned)
            for workcenter, actual, planned in env["order.daily.production.achievement"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("date", ">=", month),
                    ("date", "<", next_month),
                ],
                ["workcenter_id"],
                ["actual_qty:sum", "planned_qty:sum"],
            )
        }
        return figures

    @api.model
    def _figures_html(self, company, month, until=None):
        """The month's figures as an HTML page (QWeb template)."""
        figures = self._month_figures(company, month, until=until)

        def rows(data):
            return [
                (label, done, total, 100.0 * done / total if total else False)
                for label, (done, total) in sorted(data.items())
            ]

        delivery, plans = figures["delivery"], figures["plans"]
        values = {
            "company": company,
            "month": month.strftime("%Y-%m"),
            "delivery": (*delivery, 100.0 * delivery[0] / delivery[1] if delivery[1] else False),
            "plans": (*plans, 100.0 * plans[0] / plans[1] if plans[1] else False),
            "steps": rows(figures["steps"]),
            "cycles": rows(figures["cycles"]),
            "daily": rows(figures["daily"]),
        }
        return str(
            self.env["ir.qweb"]
            .with_context(lang=company.partner_id.lang or self.env.user.lang)
            ._render("order_production_plan.order_coordination_meeting_figures", values)
        )
