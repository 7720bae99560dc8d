# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import formatLang

from .order_sla_policy import DURATION_UNITS

AUDIT_KEY = "order_review.sla_escalation_audit"


class OrderSlaEscalation(models.Model):
    """One rung of a policy's escalation ladder.

    Level 1 is the responsible person, who has the policy's duration. Each rung
    here takes over after its delay, counted from the deadline for the first
    rung and from the rung before for the next ones (20 min → leader 30 min →
    general manager: rung 2 at +0, rung 3 at +30 working minutes).

    A rung is a line of its policy: its creation, its changes (old → new per
    field of ``_audit_fields``) and its deletion are logged in the policy's
    chatter. Like Odoo's own tracking, they are gathered during the
    transaction and logged before the commit, in one note per policy and
    author, so that one save of the policy form leaves one note.
    """

    _name = "order.sla.escalation"
    _inherit = ["order.audited.config.mixin"]
    _description = "Deadline Escalation Level"
    _order = "policy_id, level, id"

    # the fields whose changes are logged on the policy
    _audit_fields = ("level", "name", "delay", "delay_unit", "user_ids", "group_id")

    policy_id = fields.Many2one(
        comodel_name="order.sla.policy",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    level = fields.Integer(required=True, default=2, help="2: department head, 3: general manager…")
    name = fields.Char(string="Role", required=True, translate=True)
    delay = fields.Float(
        string="After",
        help="Time after the deadline (first rung) or after the previous rung.",
    )
    delay_unit = fields.Selection(
        selection=DURATION_UNITS, string="Unit", required=True, default="working_minutes"
    )
    user_ids = fields.Many2many(comodel_name="res.users", string="People")
    group_id = fields.Many2one(
        comodel_name="res.groups",
        help="Everybody in this group is asked, besides the people above.",
    )

    asked_user_ids = fields.Many2many(
        comodel_name="res.users",
        string="Everybody Asked",
        compute="_compute_asked_user_ids",
        compute_sudo=True,
        help="The active people above and in the group (computed once per "
        "transaction for the deadline cron's batches).",
    )

    _sql_constraints = [
        ("delay_positive", "CHECK(delay >= 0)", "An escalation delay cannot be negative."),
        ("level_uniq", "unique(policy_id, level)", "Each level appears once per policy."),
    ]

    @api.depends("user_ids.active", "group_id.users.active")
    def _compute_asked_user_ids(self):
        for rung in self:
            rung.asked_user_ids = (rung.user_ids | rung.group_id.users).filtered("active")

    def _get_users(self):
        """Users asked at this rung. Override to find them elsewhere."""
        self.ensure_one()
        return self.asked_user_ids.with_env(self.env)

    def _get_company_users(self, company):
        """The rung's people (:meth:`_get_users`) who work for `company`:
        all of them when `company` is empty."""
        users = self._get_users()
        if company:
            users = users.filtered(lambda user: company in user.company_ids)
        return users

    # ------------------------------------------------------------------
    # Audit trail on the policy's chatter
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        rungs = super().create(vals_list)
        audit = self._audit_data()
        if audit is not None:
            audit["created"].update(dict.fromkeys(rungs.ids, self.env.uid))
        return rungs

    def write(self, vals):
        audit = self._audit_data()
        fnames = [fname for fname in self._audit_fields if fname in vals]
        if audit is not None and (fnames or "policy_id" in vals):
            for rung in self:
                if rung.id in audit["created"]:
                    continue  # described as it is at the end of the transaction
                initial = audit["initial"].setdefault(
                    rung.id, {"uid": self.env.uid, "policy_id": rung.policy_id.id, "values": {}}
                )
                for fname in fnames:
                    initial["values"].setdefault(fname, rung[fname])
        return super().write(vals)

    def unlink(self):
        audit = self._audit_data()
        if audit is not None:
            for rung in self:
                if audit["created"].pop(rung.id, None) is not None:
                    continue  # added and removed in the same transaction
                initial = audit["initial"].pop(rung.id, None) or {}
                audit["removed"].append(
                    {
                        "uid": self.env.uid,
                        "policy_id": initial.get("policy_id", rung.policy_id.id),
                        "values": {**rung._audit_values(), **initial.get("values", {})},
                    }
                )
        return super().unlink()

    def _audit_data(self):
        """The ladder changes of the current transaction, logged on the
        policies before the commit; None when tracking is disabled."""
        context = self._audited().env.context  # a client cannot switch it off
        if context.get("tracking_disable") or context.get("mail_notrack"):
            return None
        precommit = self.env.cr.precommit
        if AUDIT_KEY not in precommit.data:
            precommit.add(self.browse()._audit_finalize)
        return precommit.data.setdefault(AUDIT_KEY, {"created": {}, "initial": {}, "removed": []})

    def _audit_values(self):
        self.ensure_one()
        return {fname: self[fname] for fname in self._audit_fields}

    def _audit_display(self, fname, value):
        """A value as the note shows it, in the language of the note."""
        field = self._fields[fname]
        if field.type in ("many2one", "many2many"):
            return ", ".join(value.sudo().mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value or "")
        if field.type == "float":
            return formatLang(self.env, value)
        if field.type == "integer":
            return str(value)
        return value or ""

    def _audit_describe(self, values, changes=None):
        """One rung in a note: its level and role, then its other values
        (added, removed) or its changes, old → new (changed)."""
        label = self.env._("Level %(level)s: %(role)s", level=values["level"], role=values["name"])
        if changes is not None:
            details = [
                (
                    self._fields[fname]._description_string(self.env),
                    self._audit_display(fname, old),
                    self._audit_display(fname, new),
                )
                for fname, old, new in changes
            ]
        else:
            details = [
                (
                    self._fields[fname]._description_string(self.env),
                    self._audit_display(fname, values[fname]),
                )
                for fname in self._audit_fields
                if fname not in ("level", "name")
            ]
        return {"label": label, "details": [detail for detail in details if any(detail[1:])]}

    def _audit_finalize(self):
        """Log the ladder changes of the transaction: one note per policy and
        author, all notes in one batch per author."""
        audit = self.env.cr.precommit.data.pop(AUDIT_KEY, None)
        if not audit:
            return
        rungs = self.sudo().with_context(active_test=False)
        notes = defaultdict(lambda: {"added": [], "changed": [], "removed": []})
        created = rungs.browse(list(audit["created"])).exists()
        for rung in created:
            key = rung.policy_id.id, audit["created"][rung.id]
            notes[key]["added"].append(rung._audit_describe(rung._audit_values()))
        for rung in rungs.browse(list(audit["initial"])).exists():
            initial = audit["initial"][rung.id]
            key = initial["policy_id"], initial["uid"]
            current = rung._audit_values()
            if rung.policy_id.id != initial["policy_id"]:  # moved to another policy
                notes[key]["removed"].append(rung._audit_describe({**current, **initial["values"]}))
                notes[rung.policy_id.id, initial["uid"]]["added"].append(
                    rung._audit_describe(current)
                )
                continue
            changes = [
                (fname, old, current[fname])
                for fname, old in initial["values"].items()
                if old != current[fname]
            ]
            if changes:
                notes[key]["changed"].append(rung._audit_describe(current, changes))
        for removed in audit["removed"]:
            key = removed["policy_id"], removed["uid"]
            notes[key]["removed"].append(rungs._audit_describe(removed["values"]))
        policies = rungs.env["order.sla.policy"].browse({key[0] for key in notes}).exists()
        bodies = defaultdict(dict)
        for (policy_id, uid), note in notes.items():
            if policy_id in policies._ids:
                bodies[uid][policy_id] = rungs.env["ir.qweb"]._render(
                    "order_review.sla_escalation_audit_note", note
                )
        for uid, policy_bodies in bodies.items():
            policies.browse(list(policy_bodies))._message_log_batch(
                bodies=policy_bodies, author_id=rungs.env["res.users"].browse(uid).partner_id.id
            )
