# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

import babel.dates
from markupsafe import Markup, escape
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse, format_datetime, get_lang

from .resource_calendar import ELAPSED_UNITS

SLA_STATES = [
    ("running", "Running"),
    ("due_soon", "Due Soon"),
    ("overdue", "Overdue"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("missed", "Missed"),
]
# the clock moves: the cron looks at it
RUNNING_STATES = ("running", "due_soon", "overdue")
# an answer is still expected (a paused clock waits for its resumption)
OPEN_STATES = (*RUNNING_STATES, "paused")


class OrderSlaMixin(models.AbstractModel):
    """A deadline clock on a document, run by an ``order.sla.policy``.

    A document inherits this mixin, then calls :meth:`_sla_start` when the
    event of the regulation happens (the order takes effect, the change request
    is received…) and :meth:`_sla_stop` when the expected answer is given. The
    one cron of the suite moves every open clock of every model: due soon,
    overdue, then up the policy's escalation ladder, with an activity for the
    people asked and a message in the document's chatter at each step.
    :meth:`_sla_pause` and :meth:`_sla_resume` hold a clock while the
    document waits for somebody else (the customer, spare parts): the
    working time spent paused does not count.

    Configuration, on the inheriting class:

    * ``_sla_user_field``: field holding the responsible user (level 1);
    * ``_sla_company_field``: field holding the company, whose working
      calendar counts the time unless the policy names one, and for which
      the people of an escalation rung must work to be asked.

    Whom a rung asks when none of its people works for the company: override
    :meth:`_sla_escalation_fallback_users` (the responsible by default).

    A document running several clocks at once uses ``order.sla.clock.mixin``
    instead (one ``order.sla.clock`` per clock).
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
        "sla_paused_next_check",
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
    sla_paused_on = fields.Datetime(
        string="Clock Paused On",
        copy=False,
        readonly=True,
        help="Since when the clock is held (waiting for the customer, for parts…).",
    )
    sla_paused_state = fields.Selection(
        selection=SLA_STATES[:3],
        string="Status Before the Pause",
        copy=False,
        readonly=True,
    )
    sla_paused_next_check = fields.Datetime(
        string="Next Check Before the Pause", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _sla_get_thread(self):
        """The document whose chatter tells the clock's story (a mail.thread)."""
        return self

    def _sla_get_activity_record(self):
        """The document the deadline activities are attached to."""
        return self._sla_get_thread()

    def _sla_get_threads(self):
        """{record id: thread} for the batch (:meth:`_sla_get_thread` of each
        record; override to browse the threads together)."""
        return {rec.id: rec._sla_get_thread() for rec in self}

    def _sla_get_activity_records(self):
        """{record id: document} for the batch (see :meth:`_sla_get_threads`)."""
        return {rec.id: rec._sla_get_activity_record() for rec in self}

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
        """People asked when the clock reaches `escalation` (a ladder rung):
        its people who work for the document's company (all of them for a
        document without company), else
        :meth:`_sla_escalation_fallback_users`."""
        self.ensure_one()
        company = (
            self[self._sla_company_field]
            if self._sla_company_field in self._fields
            else self.env["res.company"]
        )
        return escalation._get_company_users(company) or self._sla_escalation_fallback_users()

    def _sla_escalation_fallback_users(self):
        """People asked at a rung none of whose people works for the
        document's company: the responsible person (:meth:`_sla_get_user`) by
        default."""
        self.ensure_one()
        return self._sla_get_user()

    def _sla_get_escalation_users_batch(self, escalation):
        """{record id: users asked at `escalation`} for the batch
        (:meth:`_sla_get_escalation_users` of each record; override to read
        what decides it for the whole batch at once)."""
        return {rec.id: rec._sla_get_escalation_users(escalation) for rec in self}

    def _sla_turned_overdue(self):
        """Called by the cron, once per batch, with the clocks that turned
        overdue in this run (after their state was written). Nothing by
        default."""
        return

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
        calendars = self._sla_calendars(policy)
        computed = policy._compute_deadlines(
            [(calendars[rec.id], reference[rec.id] or now) for rec in self]
        )
        self._sla_drop_activities()
        records = self.sudo()
        users = {}
        updates = {}
        for rec, (deadline, reminder) in zip(records, computed, strict=True):
            if now >= deadline:
                state, next_check = "overdue", deadline
            elif reminder and now >= reminder:
                state, next_check = "due_soon", deadline
            else:
                state, next_check = "running", reminder or deadline
            updates[rec.id] = {
                "sla_policy_id": policy.id,
                "sla_start": now if policy.direction == "backward" else reference[rec.id],
                "sla_deadline": deadline,
                "sla_state": state,
                "sla_done_date": False,
                "sla_level": 1,
                "sla_next_check": next_check,
                "sla_paused_on": False,
                "sla_paused_state": False,
                "sla_paused_next_check": False,
            }
            users[rec.id] = user or rec._sla_get_user()
        records._sla_write_batch(updates)
        records._sla_schedule_activities(users, policy.name)

    def _sla_stop(self, done=None):
        """Stop the open clocks: met when done by the deadline, else missed.
        A paused clock is resumed then stopped: met when it was paused before
        its deadline."""
        done = done or fields.Datetime.now()
        records = self.sudo().filtered(lambda r: r.sla_state in OPEN_STATES)
        paused = records.filtered(lambda r: r.sla_state == "paused")
        in_time = {rec.id: rec.sla_paused_on <= rec.sla_deadline for rec in paused}
        paused._sla_resume_at(done, move_activities=False)
        updates = {}
        for rec in records:
            met = in_time[rec.id] if rec.id in in_time else done <= rec.sla_deadline
            updates[rec.id] = {
                "sla_state": "met" if met else "missed",
                "sla_done_date": done,
                "sla_next_check": False,
            }
        records._sla_write_batch(updates)
        # the document's own action tells the answer (a decision, an
        # acknowledgement) and the clock keeps its date and state: the
        # deadline activities are done (archived, Odoo's "keep done"
        # history) without a second message in the chatter
        records._sla_get_activities().action_archive()

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
        """Withdraw the open clocks (paused ones too): no answer is expected
        any more."""
        records = self.sudo().filtered(lambda r: r.sla_state in OPEN_STATES)
        records._sla_drop_activities()
        records._sla_write_batch(
            dict.fromkeys(
                records.ids,
                {
                    "sla_state": False,
                    "sla_next_check": False,
                    "sla_paused_on": False,
                    "sla_paused_state": False,
                    "sla_paused_next_check": False,
                },
            )
        )

    def _sla_pause(self):
        """Hold the running clocks (the document waits for the customer, for
        parts…): the cron leaves them alone and the deadline activities stay
        as they are until :meth:`_sla_resume`.

        :return: the records paused
        """
        records = self.sudo().filtered(lambda r: r.sla_state in RUNNING_STATES)
        now = fields.Datetime.now()
        records._sla_write_batch(
            {
                rec.id: {
                    "sla_state": "paused",
                    "sla_paused_on": now,
                    "sla_paused_state": rec.sla_state,
                    "sla_paused_next_check": rec.sla_next_check,
                    "sla_next_check": False,
                }
                for rec in records
            }
        )
        return records.with_env(self.env)

    def _sla_resume(self):
        """Start the paused clocks again with the time they had left: their
        deadline (unless it had passed when they were paused) and their next
        check move by the time spent paused, counted on the clock's working
        calendar for a policy in working units. The deadline activities
        follow the deadline.

        :return: the records resumed
        """
        records = self.sudo().filtered(lambda r: r.sla_state == "paused")
        records._sla_resume_at(fields.Datetime.now())
        return records.with_env(self.env)

    def _sla_resume_at(self, now, move_activities=True):
        """Resume the paused clocks of `self` (sudo) as of `now`."""
        if not self:
            return
        calendars = self._sla_calendars()
        # group the clocks per calendar and kind of time counted
        groups = defaultdict(list)
        for rec in self:
            working = rec.sla_policy_id.duration_unit not in ELAPSED_UNITS
            groups[calendars[rec.id] if working else None].append(rec)
        moved = {}  # record id: (deadline, next check)
        for calendar, recs in groups.items():
            pairs = [
                (utc.localize(rec.sla_paused_on), utc.localize(max(now, rec.sla_paused_on)))
                for rec in recs
            ]
            if calendar is None:
                spans = [(stop - start).total_seconds() for start, stop in pairs]
            else:
                spans = calendar._order_work_seconds(pairs)
            shifted = self._sla_shift_each(
                calendar,
                [
                    (rec.sla_deadline if rec.sla_deadline > rec.sla_paused_on else None, span)
                    for rec, span in zip(recs, spans, strict=True)
                ]
                + [
                    (rec.sla_paused_next_check or None, span)
                    for rec, span in zip(recs, spans, strict=True)
                ],
            )
            for index, rec in enumerate(recs):
                moved[rec.id] = (shifted[index], shifted[len(recs) + index])
        updates = {}
        for rec in self:
            deadline, next_check = moved[rec.id]
            updates[rec.id] = {
                "sla_state": rec.sla_paused_state or "running",
                "sla_deadline": deadline or rec.sla_deadline,
                "sla_next_check": next_check or False,
                "sla_paused_on": False,
                "sla_paused_state": False,
                "sla_paused_next_check": False,
            }
        old_deadlines = {rec.id: rec.sla_deadline for rec in self}
        self._sla_write_batch(updates)
        if move_activities:
            self.filtered(lambda r: r.sla_deadline != old_deadlines[r.id])._sla_move_activities()

    @api.model
    def _sla_shift_each(self, calendar, items):
        """[(naive UTC datetime or None, seconds)] → the datetimes moved
        forward by their own seconds: working seconds on `calendar`, elapsed
        ones when it is None. None stays None."""
        result = [None] * len(items)
        todo = [(index, dt, span) for index, (dt, span) in enumerate(items) if dt]
        if not todo:
            return result
        if calendar is None:
            for index, dt, span in todo:
                result[index] = dt + timedelta(seconds=span)
            return result
        times = calendar._order_shift_work_seconds(
            [utc.localize(dt) for _index, dt, _span in todo], [span for *_rest, span in todo]
        )
        for (index, _dt, _span), when in zip(todo, times, strict=True):
            result[index] = when.replace(tzinfo=None)
        return result

    def _sla_move_activities(self):
        """The deadline activities of these clocks follow their deadline: one
        write per distinct due date."""
        deadlines = {rec.id: rec.sla_deadline for rec in self}
        by_date = defaultdict(list)
        tz_of = self._sla_user_tz_getter()
        for activity in self._sla_get_activities():
            deadline = deadlines[activity.sla_res_id]
            day = utc.localize(deadline).astimezone(tz_of(activity.user_id)).date()
            if activity.date_deadline != day:
                by_date[day].append(activity.id)
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        for day, ids in by_date.items():
            Activity.browse(ids).write({"date_deadline": day})

    def _sla_escalate(self, reason):
        """Move the running clocks one rung up the ladder now, saying why (a
        repeat problem, a serious defect): the people of the next rung get
        their activity; an overdue clock then waits the next rung's delay
        from now, a clock not yet due goes on up the ladder from its deadline.
        Paused clocks are left alone.

        :return: the records that went up a rung
        """
        records = self.sudo().filtered(lambda r: r.sla_policy_id and r.sla_state in RUNNING_STATES)
        now = fields.Datetime.now()
        ladder = _Ladder(records.sla_policy_id)
        calendars = records._sla_calendars()
        escalated = defaultdict(list)
        shifts = defaultdict(list)
        updates = {}
        for rec in records:
            rung = ladder.after(rec.sla_policy_id, rec.sla_level)
            if not rung:
                continue
            updates[rec.id] = {"sla_level": rung.level}
            escalated[rung].append(rec.id)
            if rec.sla_state == "overdue":
                following = ladder.after(rec.sla_policy_id, rung.level)
                if following:
                    shifts[(following, calendars[rec.id])].append((rec.id, now))
                else:
                    updates[rec.id]["sla_next_check"] = False
        for rec_id, when in self._sla_shifted(shifts).items():
            updates[rec_id]["sla_next_check"] = when
        records._sla_write_batch(updates)
        escalated = {rung: records.browse(ids) for rung, ids in escalated.items()}
        messages = defaultdict(list)
        records._sla_climb(escalated, messages)
        why = escape(self.env._("Why: %(reason)s")) % {"reason": reason}
        moved = records.browse()
        for recs in escalated.values():
            for rec_id in recs.ids:
                messages[rec_id].append(why)
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
        number of policies and calendars involved, not on the records; the
        values are computed first, then written together."""
        records = self.sudo()
        if not records:
            return
        run = _Run(records)
        pending = records.ids
        # a clock left alone for long may need several steps at once
        for _round in range(2 + run.ladder.longest):
            due = [rec_id for rec_id in pending if run.check[rec_id] and run.check[rec_id] <= now]
            if not due:
                break
            shifts = defaultdict(list)
            for rec_id in due:
                run.step(rec_id, shifts)
            run.check.update(self._sla_shifted(shifts))
            pending = due
        records._sla_write_batch(run.changes())
        overdue = records.browse(run.overdue)
        messages = defaultdict(list)
        for rec_id, message in overdue._sla_overdue_messages().items():
            messages[rec_id].append(message)
        records._sla_climb(
            {rung: records.browse(ids) for rung, ids in run.escalated.items()}, messages
        )
        records._sla_log(messages)
        if overdue:
            overdue._sla_turned_overdue()

    @api.model
    def _sla_shifted(self, shifts):
        """Next checks {(rung, calendar): [(record id, base)]} → {record id:
        when}: one calendar walk per rung and calendar."""
        result = {}
        for (rung, calendar), items in shifts.items():
            times = rung.policy_id._shift(
                calendar, [base for _rec_id, base in items], rung.delay, rung.delay_unit
            )
            for (rec_id, _base), when in zip(items, times, strict=True):
                result[rec_id] = when
        return result

    def _sla_calendars(self, policy=None):
        """{record id: working calendar of its clock} (of `policy`, else of
        each record's own policy), one lookup per policy and company; the
        calendars are looked up when first asked for."""
        return _Calendars(self, policy)

    def _sla_write_batch(self, updates):
        """Write the clock fields {record id: values} of a batch in one
        ``UPDATE … FROM (VALUES …)`` per set of fields written, whatever the
        number of records (the ORM's own flush splits every hundred rows),
        then invalidate them and mark what depends on them, as ``write``
        would. The clock fields are the engine's own (guarded, untracked):
        a model that tracks one of them is written through ``write``, one
        ``write`` per distinct set of values.
        """
        updates = {rec_id: vals for rec_id, vals in updates.items() if vals}
        if not updates:
            return
        written = sorted({fname for vals in updates.values() for fname in vals})
        records = self.browse(list(updates))
        if any(getattr(self._fields[fname], "tracking", None) for fname in written):
            groups = defaultdict(list)
            for rec_id, vals in updates.items():
                groups[tuple(sorted(vals.items()))].append(rec_id)
            for items, ids in groups.items():
                self.browse(ids).write(dict(items))
            return
        records.flush_recordset()
        by_fields = defaultdict(list)
        for rec_id, vals in updates.items():
            by_fields[tuple(sorted(vals))].append(rec_id)
        now = self.env.cr.now()
        for fnames, ids in by_fields.items():
            columns = [*fnames, "write_uid", "write_date"] if self._log_access else list(fnames)
            types = [self._fields[fname].column_type[1] for fname in columns]
            rows = []
            for rec_id in ids:
                vals = updates[rec_id]
                record = self.browse(rec_id)
                row = [
                    self._fields[fname].convert_to_column_update(
                        self._fields[fname].convert_to_cache(vals[fname], record), record
                    )
                    for fname in fnames
                ]
                if self._log_access:
                    row += [self.env.uid, now]
                rows.append((rec_id, *row))
            self.env.cr.execute(
                SQL(
                    "UPDATE %(table)s SET %(assignments)s FROM (VALUES %(rows)s) "
                    "AS __sla(id, %(columns)s) WHERE %(table)s.id = __sla.id",
                    table=SQL.identifier(self._table),
                    assignments=SQL(", ").join(
                        SQL(
                            "%s = __sla.%s::%s", SQL.identifier(col), SQL.identifier(col), SQL(kind)
                        )
                        for col, kind in zip(columns, types, strict=True)
                    ),
                    rows=SQL(", ").join(rows),
                    columns=SQL(", ").join(map(SQL.identifier, columns)),
                )
            )
        fnames = [*written, "write_uid", "write_date"] if self._log_access else written
        records.invalidate_recordset(fnames)
        records.modified(written)

    def _sla_climb(self, escalated, messages):
        """The people of each rung reached {rung: records} get their activity
        (all rungs in one batch) and the chatter note (added to `messages`,
        keyed by record id)."""
        vals_list = []
        for rung, recs in escalated.items():
            users = recs._sla_get_escalation_users_batch(rung)
            vals_list += recs._sla_activity_vals(users, f"{rung.policy_id.name}: {rung.name}")
            for rec_id, message in recs._sla_escalation_messages(rung, users).items():
                messages[rec_id].append(message)
        self._sla_create_activities(vals_list)

    def _sla_format(self, value):
        tz = self.env.user.tz or self._sla_get_company().resource_calendar_id.tz or "UTC"
        return format_datetime(self.env, value, tz=tz, dt_format="short")

    def _sla_formatter(self):
        """A function formatting each record's dates as :meth:`_sla_format`
        does, with the language and time zones looked up once."""
        locale = babel_locale_parse(get_lang(self.env).code)
        zones = {}
        done = {}

        def fmt(rec, value):
            tz = self.env.user.tz or rec._sla_get_company().resource_calendar_id.tz or "UTC"
            if (tz, value) not in done:
                if tz not in zones:
                    try:
                        zones[tz] = timezone(tz)
                    except Exception:  # noqa: BLE001 - an unknown zone: UTC, as Odoo does
                        zones[tz] = utc
                local = utc.localize(value).astimezone(zones[tz])
                done[tz, value] = babel.dates.format_datetime(local, "short", locale=locale)
            return done[tz, value]

        return fmt

    def _sla_overdue_messages(self):
        """{record id: note} telling the deadline was missed."""
        if not self:
            return {}
        template = escape(self.env._("Deadline missed: %(policy)s was due on %(deadline)s."))
        fmt = self._sla_formatter()
        return {
            rec.id: template
            % {"policy": rec.sla_policy_id.name, "deadline": fmt(rec, rec.sla_deadline)}
            for rec in self
        }

    def _sla_escalation_messages(self, rung, users):
        """{record id: note} telling who was asked at `rung` ({record id: users})."""
        if not self:
            return {}
        template = escape(
            self.env._(
                "Escalated to level %(level)s (%(role)s): %(people)s. "
                "%(policy)s was due on %(deadline)s."
            )
        )
        fmt = self._sla_formatter()
        names = {}
        for people in users.values():
            if people._ids not in names:
                names[people._ids] = ", ".join(people.mapped("name")) or "-"
        return {
            rec.id: template
            % {
                "level": rung.level,
                "role": rung.name,
                "people": names[users[rec.id]._ids],
                "policy": rec.sla_policy_id.name,
                "deadline": fmt(rec, rec.sla_deadline),
            }
            for rec in self
        }

    def _sla_log(self, messages):
        """Post the notes {record id: [message]} as one note per chatter, in
        one batch per chatter model."""
        messages = {rec_id: lines for rec_id, lines in messages.items() if lines}
        if not messages:
            return
        threads = self.browse(list(messages))._sla_get_threads()
        bodies = defaultdict(dict)
        for rec_id, lines in messages.items():
            thread = threads[rec_id]
            body = Markup("").join(Markup("<p>%s</p>") % line for line in lines)
            previous = bodies[thread._name].get(thread.id)
            bodies[thread._name][thread.id] = previous + body if previous else body
        for model, per_id in bodies.items():
            self.env["mail.message"].sudo()._sla_log_batch(model, per_id)

    def _sla_user_tz_getter(self):
        """A function giving a user's time zone (their deadline dates), each
        zone looked up once."""
        default = self.env.user.tz or "UTC"
        zones = {}

        def tz_of(user):
            name = user.tz or default
            if name not in zones:
                zones[name] = timezone(name)
            return zones[name]

        return tz_of

    def _sla_activity_vals(self, users, summary):
        """Values of one deadline activity per record and person ({record id:
        users}), the document's name and model given (no computation per
        activity)."""
        activity_type_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "order_review.mail_activity_type_deadline"
        )
        targets = self._sla_get_activity_records()
        model_ids = {}
        tz_of = self._sla_user_tz_getter()
        vals_list = []
        for rec in self:
            target = targets[rec.id]
            if target._name not in model_ids:
                model_ids[target._name] = self.env["ir.model"]._get_id(target._name)
            deadline = utc.localize(rec.sla_deadline)
            for user in users[rec.id]:
                vals_list.append(
                    {
                        "res_model_id": model_ids[target._name],
                        "res_model": target._name,
                        "res_id": target.id,
                        "activity_type_id": activity_type_id,
                        "summary": summary,
                        "user_id": user.id,
                        "date_deadline": deadline.astimezone(tz_of(user)).date(),
                        "sla_res_model": rec._name,
                        "sla_res_id": rec.id,
                    }
                )
        return vals_list

    def _sla_create_activities(self, vals_list):
        """Create the deadline activities in one batch, without the
        assignment e-mail of each one (the chatter note tells)."""
        return self.env["mail.activity"]._sla_create_batch(vals_list)

    def _sla_schedule_activities(self, users, summary):
        """One deadline activity per record and person, created in one batch."""
        self._sla_create_activities(self._sla_activity_vals(users, summary))


class _Run:
    """A batch of clocks while the cron moves them: their values, changed
    in memory, then written together."""

    def __init__(self, records):
        self.ladder = _Ladder(records.sla_policy_id)
        self.calendars = records._sla_calendars()
        self.policy = {rec.id: rec.sla_policy_id for rec in records}
        self.deadline = {rec.id: rec.sla_deadline for rec in records}
        self.initial = {
            rec.id: (rec.sla_state, rec.sla_level, rec.sla_next_check) for rec in records
        }
        self.state = {rec_id: values[0] for rec_id, values in self.initial.items()}
        self.level = {rec_id: values[1] for rec_id, values in self.initial.items()}
        self.check = {rec_id: values[2] for rec_id, values in self.initial.items()}
        self.overdue = []
        self.escalated = defaultdict(list)

    def step(self, rec_id, shifts):
        """The clock's next check has come: one step (the next check after a
        rung's delay is collected in `shifts`)."""
        base, state = self.check[rec_id], self.state[rec_id]
        if state not in RUNNING_STATES:  # nothing to move
            self.check[rec_id] = False
            return
        if state == "running" and base < self.deadline[rec_id]:
            self.state[rec_id], self.check[rec_id] = "due_soon", self.deadline[rec_id]
            return
        policy = self.policy[rec_id]
        if state in ("running", "due_soon"):
            # the deadline: the first rung follows after its delay
            self.state[rec_id] = "overdue"
            self.overdue.append(rec_id)
            following = self.ladder.after(policy, self.level[rec_id])
        else:
            reached = self.ladder.after(policy, self.level[rec_id])
            if not reached:  # already at the top (escalated by hand)
                self.check[rec_id] = False
                return
            self.escalated[reached].append(rec_id)
            self.level[rec_id] = reached.level
            following = self.ladder.after(policy, reached.level)
        if following:
            shifts[(following, self.calendars[rec_id])].append((rec_id, base))
        else:
            self.check[rec_id] = False

    def changes(self):
        """{record id: values changed}"""
        updates = {}
        for rec_id, (state, level, check) in self.initial.items():
            vals = {}
            if self.state[rec_id] != state:
                vals["sla_state"] = self.state[rec_id]
            if self.level[rec_id] != level:
                vals["sla_level"] = self.level[rec_id]
            if self.check[rec_id] != check:
                vals["sla_next_check"] = self.check[rec_id]
            if vals:
                updates[rec_id] = vals
        return updates


class _Calendars:
    """{record id: working calendar of its clock}, looked up lazily."""

    def __init__(self, records, policy=None):
        self.records = {rec.id: rec for rec in records}
        self.policy = policy
        self.memo = {}

    def __getitem__(self, rec_id):
        rec = self.records[rec_id]
        policy = self.policy or rec.sla_policy_id
        company = rec._sla_get_company()
        key = (policy.id, company.id)
        if key not in self.memo:
            self.memo[key] = policy._get_calendar(company)
        return self.memo[key]


class _Ladder:
    """The escalation ladders of the policies of a batch, read once."""

    def __init__(self, policies):
        self.rungs = {policy.id: list(policy.escalation_ids) for policy in policies}
        self.longest = max([len(rungs) for rungs in self.rungs.values()] + [0])
        self.empty = policies.env["order.sla.escalation"]
        self.memo = {}

    def after(self, policy, level):
        """The rung that follows `level` on `policy`'s ladder (empty at the top)."""
        key = (policy.id, level)
        if key not in self.memo:
            self.memo[key] = next(
                (rung for rung in self.rungs.get(policy.id, ()) if rung.level > level), self.empty
            )
        return self.memo[key]
