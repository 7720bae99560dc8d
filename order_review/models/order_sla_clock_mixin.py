# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .order_sla_mixin import SLA_STATES

# the worst first: the state a list shows for a document of several clocks
STATE_RANK = {"overdue": 4, "due_soon": 3, "running": 2, "paused": 1}


class OrderSlaClockMixin(models.AbstractModel):
    """Several deadline clocks on one document, each an ``order.sla.clock``
    keyed by its policy's code, all moved by the suite's one cron."""

    _name = "order.sla.clock.mixin"
    _inherit = ["order.workflow.mixin"]
    _description = "Deadline Clocks Mixin"

    _workflow_guarded_fields = ("sla_clock_ids",)

    sla_clock_ids = fields.One2many(
        comodel_name="order.sla.clock",
        inverse_name="res_id",
        string="Deadlines",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
        readonly=True,
    )
    sla_clock_state = fields.Selection(
        selection=SLA_STATES,
        string="Deadline Status",
        compute="_compute_sla_clock",
        search="_search_sla_clock_state",
    )
    sla_clock_deadline = fields.Datetime(string="Next Deadline", compute="_compute_sla_clock")

    def _compute_sla_clock(self):
        clocks = (
            self.env["order.sla.clock"]
            .sudo()
            .search_read(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("sla_state", "in", list(STATE_RANK)),
                ],
                ["res_id", "sla_state", "sla_deadline"],
            )
        )
        by_record = {}
        for clock in clocks:
            by_record.setdefault(clock["res_id"], []).append(clock)
        for record in self:
            mine = by_record.get(record.id, [])
            record.sla_clock_state = (
                max(mine, key=lambda c: STATE_RANK[c["sla_state"]])["sla_state"] if mine else False
            )
            deadlines = [c["sla_deadline"] for c in mine if c["sla_state"] != "paused"]
            record.sla_clock_deadline = min(deadlines) if deadlines else False

    def _search_sla_clock_state(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        states = [value] if operator == "=" else list(value)
        query = (
            self.env["order.sla.clock"]
            .sudo()
            ._search([("res_model", "=", self._name), ("sla_state", "in", states)])
        )
        return [("id", "in", query.subselect("res_id"))]

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _sla_clock_get_user(self, key):
        self.ensure_one()
        return self["user_id"] if "user_id" in self._fields else self.env["res.users"]

    def _sla_clock_escalation_users(self, clock, rung):
        return rung._get_users() or clock.user_id

    def _sla_clocks_overdue(self, clocks):
        """Hook: `clocks` of these documents just turned overdue."""

    # ------------------------------------------------------------------
    # API
    # ------------------------------------------------------------------
    def _sla_clocks(self, keys=None):
        domain = [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        if keys is not None:
            domain.append(("key", "in", list(keys)))
        return self.env["order.sla.clock"].sudo().search(domain)

    @api.model
    def _sla_clock_key(self, policy):
        return policy.code or f"policy_{policy.id}"

    def _sla_clocks_start(self, policy, reference=None, user=None):
        if not self:
            return
        key = self._sla_clock_key(policy)
        existing = {clock.res_id: clock for clock in self._sla_clocks([key])}
        missing = self.filtered(lambda r: r.id not in existing)
        company_field = "company_id" if "company_id" in self._fields else None
        new = (
            self.env["order.sla.clock"]
            .sudo()
            .create(
                [
                    {
                        "res_model": self._name,
                        "res_id": record.id,
                        "key": key,
                        "company_id": record[company_field].id if company_field else False,
                        "user_id": (user or record._sla_clock_get_user(key)).id,
                    }
                    for record in missing
                ]
            )
        )
        clocks = new | self.env["order.sla.clock"].sudo().browse(
            [existing[r.id].id for r in self if r.id in existing]
        )
        if isinstance(reference, dict):
            reference = {clock.id: reference.get(clock.res_id) for clock in clocks}
        clocks._sla_start(policy, reference=reference)

    def _sla_clocks_stop(self, keys, done=None):
        self._sla_clocks(keys)._sla_stop(done)

    def _sla_clocks_cancel(self, keys=None):
        self._sla_clocks(keys)._sla_cancel()

    def _sla_clocks_pause(self, keys=None):
        self._sla_clocks(keys)._sla_pause()

    def _sla_clocks_resume(self, keys=None):
        self._sla_clocks(keys)._sla_resume()

    def unlink(self):
        clocks = self._sla_clocks()
        result = super().unlink()
        clocks._sla_drop_activities()
        clocks.unlink()
        return result
