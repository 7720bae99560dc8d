# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from .order_sla_mixin import OPEN_STATES, RUNNING_STATES, SLA_STATES

# the worst open state of a document's clocks comes first
CLOCK_STATE_RANK = ("overdue", "due_soon", "running", "paused")


class OrderSlaClockMixin(models.AbstractModel):
    """Several deadline clocks on one document (``order.sla.clock``), one per
    key: the code of the clock's policy. A service request, for instance,
    runs its transfer, first-contact and solution clocks at once, pauses
    them while it waits for the customer and resumes them after.

    The document calls :meth:`_sla_clocks_start` with a policy when the event
    of the regulation happens, :meth:`_sla_clocks_stop` with the keys
    answered, :meth:`_sla_clocks_pause` / :meth:`_sla_clocks_resume` while it
    waits; the suite's one cron moves the clocks (due soon, overdue, up the
    policy's ladder) and tells the document of those that turned overdue
    through :meth:`_sla_clocks_overdue`, in batch. Activities and notes go to
    the document (it inherits ``mail.thread`` and ``mail.activity.mixin``).

    Hooks on the document: :meth:`_sla_clock_get_user` (responsible of a
    clock), :meth:`_sla_clock_get_company`,
    :meth:`_sla_clock_escalation_users` (or only its fallback,
    :meth:`_sla_clock_escalation_fallback_users`), :meth:`_sla_clocks_overdue`.
    """

    _name = "order.sla.clock.mixin"
    _inherit = ["order.workflow.mixin"]
    _description = "Deadline Clocks Mixin"

    _workflow_guarded_fields = ("sla_clock_ids",)

    sla_clock_ids = fields.One2many(
        comodel_name="order.sla.clock",
        inverse_name="res_id",
        string="Deadline Clocks",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
        readonly=True,
    )
    sla_clock_state = fields.Selection(
        selection=[state for state in SLA_STATES if state[0] in OPEN_STATES],
        string="Deadlines",
        compute="_compute_sla_clock",
        search="_search_sla_clock_state",
        help="The worst state of the document's open clocks: overdue, due soon, "
        "running, paused. Empty: no clock open.",
    )
    sla_clock_deadline = fields.Datetime(
        string="Next Deadline",
        compute="_compute_sla_clock",
        help="The nearest deadline of the document's running clocks.",
    )

    @api.depends("sla_clock_ids.sla_state", "sla_clock_ids.sla_deadline")
    def _compute_sla_clock(self):
        """One query for the whole batch."""
        worst = {}
        nearest = {}
        ids = [record_id for record_id in self.ids if record_id]
        if ids:
            groups = (
                self.env["order.sla.clock"]
                .sudo()
                ._read_group(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", ids),
                        ("sla_state", "in", OPEN_STATES),
                    ],
                    groupby=["res_id", "sla_state"],
                    aggregates=["sla_deadline:min"],
                )
            )
            for res_id, state, deadline in groups:
                if res_id not in worst or CLOCK_STATE_RANK.index(state) < CLOCK_STATE_RANK.index(
                    worst[res_id]
                ):
                    worst[res_id] = state
                if state in RUNNING_STATES and deadline:
                    nearest[res_id] = min(deadline, nearest.get(res_id, deadline))
        for record in self:
            record.sla_clock_state = worst.get(record.id, False)
            record.sla_clock_deadline = nearest.get(record.id, False)

    def _search_sla_clock_state(self, operator, value):
        """Documents by the worst state of their open clocks, as the field
        shows it (lists filter the overdue ones, the due soon ones…): a
        document with an overdue clock and a running one is overdue, not
        running. '=', '!=', 'in', 'not in'; False: no clock open. One
        subquery on the clocks, grouped per document."""
        if operator in ("=", "!="):
            values = [value]
        elif operator in ("in", "not in") and isinstance(value, list | tuple | set):
            values = list(value)
        else:
            raise UserError(self.env._("Unsupported search on the deadlines' state."))
        if any(state and state not in CLOCK_STATE_RANK for state in values):
            raise UserError(self.env._("Unsupported search on the deadlines' state."))
        domains = []
        states = [state for state in values if state]
        if states:
            domains.append([("id", "in", self._sla_clock_worst_query(states))])
        if len(states) < len(values):
            domains.append([("id", "not in", self._sla_clock_worst_query())])
        domain = expression.OR(domains) if domains else expression.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            return ["!", *expression.normalize_domain(domain)]
        return domain

    @api.model
    def _sla_clock_worst_query(self, states=None):
        """SQL subquery: the ids of the documents whose worst open clock is
        in `states` (having an open clock at all when `states` is None);
        the worst as :data:`CLOCK_STATE_RANK` orders them."""
        Clock = self.env["order.sla.clock"]
        state = SQL.identifier("order_sla_clock", "sla_state", to_flush=Clock._fields["sla_state"])
        res_id = SQL.identifier("order_sla_clock", "res_id", to_flush=Clock._fields["res_id"])
        having = SQL()
        if states:
            having = SQL(
                "HAVING MIN(array_position(%s::text[], %s::text)) IN %s",
                list(CLOCK_STATE_RANK),
                state,
                tuple(CLOCK_STATE_RANK.index(name) + 1 for name in states),
            )
        return SQL(
            """(SELECT %s FROM order_sla_clock
                 WHERE %s = %s AND %s IN %s
              GROUP BY %s %s)""",
            res_id,
            SQL.identifier("order_sla_clock", "res_model", to_flush=Clock._fields["res_model"]),
            self._name,
            state,
            OPEN_STATES,
            res_id,
            having,
        )

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _sla_clock_get_user(self, key):
        """The person responsible for the clock `key` (level 1): the
        document's ``user_id`` by default."""
        self.ensure_one()
        if "user_id" in self._fields and self._fields["user_id"].comodel_name == "res.users":
            return self.user_id
        return self.env["res.users"]

    def _sla_clock_get_company(self):
        """The company whose working calendar counts the clocks' time."""
        self.ensure_one()
        if "company_id" in self._fields:
            return self.company_id or self.env.company
        return self.env.company

    def _sla_clock_escalation_users(self, clock, rung):
        """People asked when `clock` reaches `rung` of its policy's ladder:
        the rung's people who work for the document's company (all of them
        for a document without company, as :class:`order.sla.mixin` does),
        else :meth:`_sla_clock_escalation_fallback_users`."""
        self.ensure_one()
        company = self.company_id if "company_id" in self._fields else self.env["res.company"]
        return rung._get_company_users(company) or self._sla_clock_escalation_fallback_users(clock)

    def _sla_clock_escalation_fallback_users(self, clock):
        """People asked at a rung none of whose people works for the document's
        company: the clock's responsible by default."""
        self.ensure_one()
        return clock.user_id

    def _sla_clocks_overdue(self, clocks):
        """Called by the deadline cron, once per batch and document model,
        with the `clocks` of these documents that have just turned overdue.
        Nothing by default."""
        return

    # ------------------------------------------------------------------
    # API
    # ------------------------------------------------------------------
    @api.model
    def _sla_clock_keys(self, keys):
        if keys is None:
            return None
        if isinstance(keys, str):
            return [keys]
        return list(keys)

    def _sla_clocks(self, keys=None):
        """The clocks of these documents (of the `keys` given, policy codes)."""
        keys = self._sla_clock_keys(keys)
        Clock = self.env["order.sla.clock"]
        ids = [record_id for record_id in self.ids if record_id]
        if not ids or keys == []:
            return Clock
        domain = [("res_model", "=", self._name), ("res_id", "in", ids)]
        if keys is not None:
            domain.append(("key", "in", keys))
        return Clock.sudo().search(domain).with_env(self.env)

    def _sla_clocks_start(self, policy, reference=None, user=None):
        """Start (or restart) the clock of `policy` (keyed by its code) on
        every document, in batch.

        :param reference: the event (forward policy) or due date (backward
            policy), a naive UTC datetime or {document id: datetime}; now by
            default
        :param user: the responsible person instead of :meth:`_sla_clock_get_user`
        :return: the clocks
        """
        if not self:
            return self.env["order.sla.clock"]
        policy.ensure_one()
        Clock = self.env["order.sla.clock"].sudo()
        key = Clock._key_of(policy)
        existing = {clock.res_id: clock for clock in self._sla_clocks([key]).sudo()}
        vals_list = []
        for record in self:
            vals = {
                "company_id": record._sla_clock_get_company().id,
                "user_id": (user or record._sla_clock_get_user(key))[:1].id,
            }
            clock = existing.get(record.id)
            if clock is None:
                vals_list.append({"res_model": self._name, "res_id": record.id, "key": key, **vals})
            elif (clock.company_id.id, clock.user_id.id) != (vals["company_id"], vals["user_id"]):
                clock.write(vals)
        for clock in Clock.create(vals_list):
            existing[clock.res_id] = clock
        clocks = Clock.browse([existing[record.id].id for record in self])
        if isinstance(reference, dict):
            reference = {existing[rec_id].id: value for rec_id, value in reference.items()}
        clocks._sla_start(policy, reference=reference, user=user)
        return clocks.with_env(self.env)

    def _sla_clocks_stop(self, keys, done=None):
        """Stop the clocks `keys`: met when answered by their deadline."""
        self._sla_clocks(keys).sudo()._sla_stop(done)

    def _sla_clocks_cancel(self, keys=None):
        """Withdraw the clocks `keys` (all by default): no answer expected."""
        self._sla_clocks(keys).sudo()._sla_cancel()

    def _sla_clocks_pause(self, keys=None):
        """Hold the running clocks `keys` (all by default)."""
        return self._sla_clocks(keys).sudo()._sla_pause().with_env(self.env)

    def _sla_clocks_resume(self, keys=None):
        """Resume the paused clocks `keys` (all by default) with the working
        time they had left."""
        return self._sla_clocks(keys).sudo()._sla_resume().with_env(self.env)

    def unlink(self):
        clocks = self._sla_clocks().sudo()
        result = super().unlink()
        clocks.unlink()
        return result
