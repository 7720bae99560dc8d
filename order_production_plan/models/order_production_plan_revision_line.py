# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OrderProductionPlanRevisionLine(models.Model):
    """One step's old and new dates in a plan revision."""

    _name = "order.production.plan.revision.line"
    _inherit = ["order.workflow.mixin"]
    _description = "Plan Revision Line"
    _order = "revision_id, id"

    _workflow_guarded_fields = ("old_start", "old_finish")
    _workflow_fixed_fields = ("revision_id",)
    _workflow_state_field = "revision_state"
    _workflow_frozen_fields = ("revision_id", "step_id", "new_start", "new_finish")

    revision_id = fields.Many2one(
        comodel_name="order.production.plan.revision",
        required=True,
        ondelete="cascade",
        index=True,
    )
    revision_state = fields.Selection(related="revision_id.state", string="State")
    company_id = fields.Many2one(related="revision_id.company_id", store=True)
    plan_id = fields.Many2one(related="revision_id.plan_id")
    step_id = fields.Many2one(
        comodel_name="order.production.plan.step",
        required=True,
        ondelete="cascade",
        domain="[('plan_id', '=', plan_id), ('state', '=', 'pending')]",
    )
    old_start = fields.Datetime(string="Planned Start Before", readonly=True)
    old_finish = fields.Datetime(string="Planned Finish Before", readonly=True)
    new_start = fields.Datetime()
    new_finish = fields.Datetime(required=True)

    @api.depends("revision_id.name", "step_id.display_name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.revision_id.name}: {line.step_id.display_name}"

    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        with self._workflow_transition():
            lines = super().create(vals_list)
            for line in lines:
                if line.step_id.plan_id != line.revision_id.plan_id:
                    raise UserError(self.env._("The step belongs to another plan."))
                if line.revision_id.state != "draft":
                    raise UserError(
                        self.env._(
                            "%(revision)s is submitted: its dates can no longer change.",
                            revision=line.revision_id.display_name,
                        )
                    )
                line.write(
                    {
                        "old_start": line.step_id.planned_start,
                        "old_finish": line.step_id.planned_finish,
                    }
                )
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if any(line.revision_id.state != "draft" for line in self):
            raise UserError(self.env._("A submitted revision keeps its lines."))

    @api.constrains("step_id", "revision_id")
    def _check_step_of_the_plan(self):
        for line in self:
            if line.step_id.plan_id != line.revision_id.plan_id:
                raise UserError(self.env._("The step belongs to another plan."))

    @api.constrains("new_start", "new_finish")
    def _check_dates(self):
        for line in self:
            if line.new_start and line.new_start > line.new_finish:
                raise UserError(self.env._("The new start must come before the new finish."))
