# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup, escape
from pytz import utc

from odoo import api, fields, models
from odoo.tools.misc import format_datetime

SLA_STATES = [
    ("running", "Running"),
    ("due_soon", "Due Soon"),
    ("overdue", "Overdue"),
    ("met", "Met"),
    ("missed", "Missed"),
    ("paused", "Paused"),
]
OPEN_STATES = ("running", "due_soon", "overdue")


class OrderSlaMixin(models.AbstractModel):
    """A deadline clock on a document, run by an ``order.sla.policy``.

    A document inherits this mixin, then calls :meth:`_sla_start` when the
    event of the regulation happens (the order takes effect, the change request
    is received…) and :meth:`_sla_stop` when the expected answer is given. The
    one cron of the suite moves every open clock of every model: due soon,
    overdue, then up the policy's escalation ladder, with an activity for the
    people asked and a message in the document's chatter at each step.

    Configuration, on the inheriting class:

    * ``_sla_user_field``: field holding the responsible user (level 1);
    * ``_sla_company_field``: field holding the company, whose working
      calendar counts the time unless the policy names one.
    """

    _name = "order.sla.mixin"
    _inherit = ["order.workflow.mixin"]
    _description = "Deadline Mixin"

    # the clock moves only through the engine (_sla_start, _sla_stop, the cron)
    _workflow_guarded_fields = (
        "sla_policy_id",
        "sla_start",
        "sla_deadline",
        "sla_state",
        "sla_done_date",
        "sla_level",
        "sla_next_check",
        "sla_paused_on",
        "sla_paused_state",
    )

    _sla_user_field = "user_id"
    _sla_company_field = "company_id"

    sla_policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        string="Deadline Policy",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    sla_start = fields.Datetime(string="Clock Started", copy=False, readonly=True)
    sla_deadline = fields.Datetime(string="Deadline", copy=False, readonly=True)
    sla_state = fields.Selection(
        selection=SLA_STATES, string="Deadline Status", copy=False, readonly=True
    )
    sla_done_date = fields.Datetime(string="Answered On", copy=False, readonly=True)
    sla_level = fields.Integer(string="Escalation Level", copy=False, readonly=True)
    sla_next_check = fields.Datetime(
        string="Next Deadline Check",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="When the deadline cron looks at this document again.",
    )

    sla_paused_on = fields.Datetime(string="Paused On", copy=False, readonly=True)
    sla_paused_state = fields.Selection(selection=SLA_STATES, copy=False, readonly=True)

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _sla_get_thread(self):
        """The document whose chatter tells the clock's story (a mail.thread)."""
        return self

    def _sla_get_activity_record(self):
        """The document the deadline activities are attached to."""
        return self._sla_get_thread()

    def _sla_get_user(self):
        """The responsible person (level 1)."""
        self.ensure_one()
        if self._sla_user_field in self._fields:
            return self[self._sla_user_field]
        return self.env["res.users"]

    def _sla_get_company(self):
        self.ensure_one()
        if self._sla_company_field in self._fields:
            return self[self._sla_company_field] or self.env.company
        return self.env.company

    def _sla_get_escalation_users(self, escalation):
        """People asked when the clock reaches `escalation` (a ladder rung)."""
        self.ensure_one()
        users = escalation._get_users()
        return users or self._sla_get_user()

    # ------------------------------------------------------------------
    # API
    # ------------------------------------------------------------------
    def _sla_start(self, policy, reference=None, user=None):
        """Start (or restart) the clock of `policy` on every record.

        :param reference: the event (forward policy) or the due date (backward
            policy), as a naive UTC datetime or a dict {record id: datetime};
            now by default
        :param user: the responsible person, instead of :meth:`_sla_get_user`
        """
        if not self:
            return
        policy.ensure_one()
        now = fields.Datetime.now()
        if not isinstance(reference, dict):
            reference = dict.fromkeys(self.ids, reference or now)
        calendars = {rec.id: policy._get_calendar(rec._sla_get_company()) for rec in self}
        computed = policy._compute_deadlines(
            [(calendars[rec.id], reference[rec.id] or now) for rec in self]
        )
        self._sla_drop_activities()
        records = self.sudo()
        users = {}
        for rec, (deadline, reminder) in zip(records, computed, strict=True):
            if now >= deadline:
                state, next_check = "overdue", deadline
            elif reminder and now >= reminder:
                state, next_check = "due_soon", deadline
            else:
                state, next_check = "running", reminder or deadline
            rec.write(
                {
                    "sla_policy_id": policy.id,
                    "sla_start": now if policy.direction == "backward" else reference[rec.id],
                    "sla_deadline": deadline,
                    "sla_state": state,
                    "sla_done_date": False,
                    "sla_level": 1,
                    "sla_next_check": next_check,
                }
            )
            users[rec.id] = user or rec._sla_get_user()
        records._sla_schedule_activities(users, policy.name)

    def _sla_stop(self, done=None):
        """Stop the running clocks: met when done by the deadline, else missed."""
        done = done or fields.Datetime.now()
        records = self.sudo().filtered(lambda r: r.sla_state in OPEN_STATES)
        for rec in records:
            rec.write(
                {
                    "sla_state": "met" if done <= rec.sla_deadline else "missed",
                    "sla_done_date": done,
                    "sla_next_check": False,
                }
            )
        # the document's own action tells the answer (a decision, an
        # acknowledgement) and the clock keeps its date and state: the
        # deadline activities are done (archived, Odoo's "keep done"
        # history) without a second message in the chatter
        records._sla_get_activities().action_archive()

    def _sla_pause(self):
        """Pause the open clocks (waiting for the customer, for parts)."""
        records = self.sudo().filtered(lambda r: r.sla_state in OPEN_STATES)
        for rec in records:
            rec.write(
                {
                    "sla_paused_state": rec.sla_state,
                    "sla_state": "paused",
                    "sla_paused_on": fields.Datetime.now(),
                    "sla_next_check": False,
                }
            )

    def _sla_resume(self):
        """Resume the paused clocks with the working time they had left."""
        now = fields.Datetime.now()
        for rec in self.sudo().filtered(lambda r: r.sla_state == "paused"):
            policy = rec.sla_policy_id
            calendar = policy._get_calendar(rec._sla_get_company())
            deadline = rec.sla_deadline
            if deadline > rec.sla_paused_on:
                left = (deadline - rec.sla_paused_on).total_seconds() / 60.0
                unit = (
                    "working_minutes" if policy.duration_unit.startswith("working") else "minutes"
                )
                if unit == "working_minutes":
                    left = (
                        calendar.get_work_hours_count(
                            utc.localize(rec.sla_paused_on),
                            utc.localize(deadline),
                            compute_leaves=True,
                        )
                        * 60.0
                    )
                deadline = policy._shift(calendar, [now], left, unit)[0]
            state = rec.sla_paused_state if deadline > now else "overdue"
            rec.write(
                {
                    "sla_state": state,
                    "sla_deadline": deadline,
                    "sla_paused_on": False,
                    "sla_paused_state": False,
                    "sla_next_check": deadline if state != "overdue" else now,
                }
            )

    def _sla_get_activities(self):
        """The open deadline activities of the clocks of these records."""
        if not self:
            return self.env["mail.activity"]
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("sla_res_model", "=", self._name), ("sla_res_id", "in", self.ids)])
        )

    def _sla_drop_activities(self):
        self._sla_get_activities().unlink()

    def _sla_cancel(self):
        """Withdraw the running clocks: no answer is expected any more."""
        records = self.sudo().filtered(lambda r: r.sla_state in OPEN_STATES + ("paused",))
        records._sla_drop_activities()
        records.write({"sla_state": False, "sla_next_check": False})

    def _sla_escalate(self, reason):
        """Move the running clocks one rung up the ladder now, saying why (a
        repeat problem, a serious defect): the people of the next rung get
        their activity; an overdue clock then waits the next rung's delay
        from now, a clock not yet due goes on up the ladder from its deadline.

        :return: the records that went up a rung
        """
        records = self.sudo().filtered(lambda r: r.sla_policy_id and r.sla_state in OPEN_STATES)
        now = fields.Datetime.now()
        escalated = defaultdict(records.browse)
        shifts = defaultdict(list)
        for rec in records:
            rung = rec.sla_policy_id._escalation_after(rec.sla_level)
            if rung:
                rec.sla_level = rung.level
                escalated[rung] |= rec
                if rec.sla_state == "overdue":
                    rec._sla_plan_next_rung(rung, now, shifts)
        records._sla_apply_shifts(shifts)
        messages = defaultdict(list)
        records._sla_climb(escalated, messages)
        why = escape(self.env._("Why: %(reason)s")) % {"reason": reason}
        moved = records.browse()
        for recs in escalated.values():
            for rec in recs:
                messages[rec].append(why)
            moved |= recs
        records._sla_log(messages)
        return moved.with_env(self.env)

    # ------------------------------------------------------------------
    # Batch processing (cron)
    # ------------------------------------------------------------------
    @api.model
    def _sla_models(self):
        """Names of every concrete model that runs deadline clocks."""
        registry = self.env.registry
        return sorted(
            name
            for name in registry.descendants([self._name], "_inherit")
            if not registry[name]._abstract and registry[name]._auto
        )

    def _sla_process(self, now):
        """Move the clocks whose next check has come: due soon, overdue, and
        up the ladder. Works on the whole batch: the queries depend on the
        number of policies and calendars involved, not on the records."""
        records = self.sudo()
        overdue = records.browse()
        escalated = defaultdict(records.browse)
        pending = records
        # a clock left alone for long may need several steps at once
        for _round in range(2 + max([len(p.escalation_ids) for p in records.sla_policy_id] + [0])):
            due = pending.filtered(lambda r: r.sla_next_check and r.sla_next_check <= now)
            if not due:
                break
            shifts = defaultdict(list)
            for rec in due:
                policy, base = rec.sla_policy_id, rec.sla_next_check
                if rec.sla_state == "running" and base < rec.sla_deadline:
                    rec.write({"sla_state": "due_soon", "sla_next_check": rec.sla_deadline})
                    continue
                if rec.sla_state in ("running", "due_soon"):
                    # the deadline: the first rung follows after its delay
                    rec.sla_state = "overdue"
                    overdue |= rec
                    rung = policy._escalation_after(rec.sla_level)
                    if rung:
                        shifts[(rung, policy._get_calendar(rec._sla_get_company()))].append(
                            (rec, base)
                        )
                    else:
                        rec.sla_next_check = False
                    continue
                reached = policy._escalation_after(rec.sla_level)
                if not reached:  # already at the top (escalated by hand)
                    rec.sla_next_check = False
                    continue
                escalated[reached] |= rec
                rec._sla_plan_next_rung(reached, base, shifts)
            records._sla_apply_shifts(shifts)
            pending = due
        messages = defaultdict(list)
        for rec in overdue:
            messages[rec].append(rec._sla_overdue_message())
        records._sla_climb(escalated, messages)
        records._sla_log(messages)

    def _sla_plan_next_rung(self, reached, base, shifts):
        """The clock reached the rung `reached` at `base`: the next check is
        the following rung's delay later (collected in `shifts`), or never."""
        self.ensure_one()
        self.sla_level = reached.level
        policy = self.sla_policy_id
        following = policy._escalation_after(reached.level)
        if following:
            calendar = policy._get_calendar(self._sla_get_company())
            shifts[(following, calendar)].append((self, base))
        else:
            self.sla_next_check = False

    def _sla_apply_shifts(self, shifts):
        """Next checks {(rung, calendar): [(record, base)]}: one calendar walk
        per rung and calendar."""
        for (rung, calendar), items in shifts.items():
            times = rung.policy_id._shift(
                calendar, [base for _rec, base in items], rung.delay, rung.delay_unit
            )
            for (rec, _base), when in zip(items, times, strict=True):
                rec.sla_next_check = when

    def _sla_climb(self, escalated, messages):
        """The people of each rung reached {rung: records} get their activity
        and the chatter note (added to `messages`)."""
        for rung, recs in escalated.items():
            users = {rec.id: rec._sla_get_escalation_users(rung) for rec in recs}
            recs._sla_schedule_activities(users, f"{rung.policy_id.name}: {rung.name}")
            for rec in recs:
                messages[rec].append(rec._sla_escalation_message(rung, users[rec.id]))

    def _sla_format(self, value):
        tz = self.env.user.tz or self._sla_get_company().resource_calendar_id.tz or "UTC"
        return format_datetime(self.env, value, tz=tz, dt_format="short")

    def _sla_overdue_message(self):
        return escape(self.env._("Deadline missed: %(policy)s was due on %(deadline)s.")) % {
            "policy": self.sla_policy_id.name,
            "deadline": self._sla_format(self.sla_deadline),
        }

    def _sla_escalation_message(self, rung, users):
        return escape(
            self.env._(
                "Escalated to level %(level)s (%(role)s): %(people)s. "
                "%(policy)s was due on %(deadline)s."
            )
        ) % {
            "level": rung.level,
            "role": rung.name,
            "people": ", ".join(users.mapped("name")) or "-",
            "policy": self.sla_policy_id.name,
            "deadline": self._sla_format(self.sla_deadline),
        }

    def _sla_log(self, messages):
        """Post the notes {record: [message]} as one note per chatter, in one
        batch per chatter model."""
        bodies = defaultdict(dict)
        for rec, lines in messages.items():
            thread = rec._sla_get_thread()
            body = Markup("").join(Markup("<p>%s</p>") % line for line in lines)
            previous = bodies[thread._name].get(thread.id)
            bodies[thread._name][thread.id] = previous + body if previous else body
        for model, per_id in bodies.items():
            self.env[model].browse(list(per_id)).sudo()._message_log_batch(bodies=per_id)

    def _sla_schedule_activities(self, users, summary):
        """One deadline activity per record and person, created in one batch."""
        activity_type = self.env.ref("order_review.mail_activity_type_deadline")
        vals_list = []
        for rec in self:
            target = rec._sla_get_activity_record()
            model_id = self.env["ir.model"]._get_id(target._name)
            for user in users[rec.id]:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": target.id,
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "user_id": user.id,
                        "date_deadline": rec._user_date(rec.sla_deadline, user),
                        "sla_res_model": rec._name,
                        "sla_res_id": rec.id,
                    }
                )
        if vals_list:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                vals_list
            )
