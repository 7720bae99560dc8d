# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import datetime, time

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

MAX_LEVELS = 10


class OrderProductionPlanMaterial(models.Model):
    """A line of a plan's material check (R-PLN-02, R-PLN-05, R-PLN-06,
    R-PLN-11: 物料需求计划, 采购进货进度计划表).

    Every product of the order and every component of its bills of materials
    (all levels), with the quantity needed, Odoo's forecast in the plan's
    warehouse at the date it is needed, the shortage and, where another
    warehouse or company of the group holds it, a proposed transfer (调拨)
    before buying. What must be bought makes the purchase receipt progress
    schedule: supplier, quantity, planned receipt date, status.
    """

    _name = "order.production.plan.material"
    _inherit = ["order.workflow.mixin"]
    _description = "Plan Material Check"
    _order = "plan_id, level, id"

    # the check's findings and the documents made from them come from the
    # server; the buyer may choose another supplier and receipt date
    _workflow_guarded_fields = (
        "plan_id",
        "product_id",
        "level",
        "parent_product_id",
        "action",
        "required_qty",
        "needed_date",
        "forecast_qty",
        "shortage_qty",
        "source_warehouse_id",
        "source_available_qty",
        "transfer_qty",
        "buy_qty",
        "purchase_line_id",
        "picking_id",
    )

    plan_id = fields.Many2one(
        comodel_name="order.production.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sale_order_id = fields.Many2one(
        related="plan_id.sale_order_id", store=True, string="Sale Order"
    )
    product_id = fields.Many2one(comodel_name="product.product", required=True, readonly=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    level = fields.Integer(
        readonly=True, help="1: a product of the order; 2: its components; and so on."
    )
    parent_product_id = fields.Many2one(
        comodel_name="product.product", string="Component Of", readonly=True
    )
    action = fields.Selection(
        selection=[
            ("make", "Make"),
            ("stock", "In stock"),
            ("transfer", "Transfer"),
            ("buy", "Buy"),
        ],
        readonly=True,
        index=True,
    )
    required_qty = fields.Float(string="Needed", digits="Product Unit of Measure", readonly=True)
    needed_date = fields.Datetime(readonly=True)
    forecast_qty = fields.Float(
        string="Forecast",
        digits="Product Unit of Measure",
        readonly=True,
        help="Odoo's forecast in the plan's warehouse at the needed date, this order's "
        "own needs left out.",
    )
    shortage_qty = fields.Float(string="Shortage", digits="Product Unit of Measure", readonly=True)
    source_warehouse_id = fields.Many2one(
        comodel_name="stock.warehouse", string="Transfer From", readonly=True
    )
    source_company_id = fields.Many2one(
        related="source_warehouse_id.company_id", string="Transfer From Company"
    )
    source_available_qty = fields.Float(
        string="Available There", digits="Product Unit of Measure", readonly=True
    )
    transfer_qty = fields.Float(digits="Product Unit of Measure", readonly=True)
    buy_qty = fields.Float(string="To Buy", digits="Product Unit of Measure", readonly=True)
    supplier_id = fields.Many2one(
        comodel_name="res.partner",
    )
    planned_receipt_date = fields.Datetime()
    purchase_line_id = fields.Many2one(
        comodel_name="purchase.order.line", readonly=True, index="btree_not_null"
    )
    purchase_id = fields.Many2one(related="purchase_line_id.order_id", string="Purchase Order")
    picking_id = fields.Many2one(
        comodel_name="stock.picking", string="Transfer", readonly=True, index="btree_not_null"
    )
    schedule_state = fields.Selection(
        selection=[
            ("none", "Nothing to do"),
            ("to_order", "To order"),
            ("rfq", "Request for quotation"),
            ("ordered", "Ordered"),
            ("partial", "Partly received"),
            ("received", "Received"),
            ("cancel", "Cancelled"),
        ],
        string="Status",
        compute="_compute_schedule_state",
        store=True,
    )

    @api.depends(
        "action",
        "buy_qty",
        "transfer_qty",
        "purchase_line_id.state",
        "purchase_line_id.qty_received",
        "purchase_line_id.product_qty",
        "picking_id.state",
    )
    def _compute_schedule_state(self):
        for line in self:
            po_line = line.purchase_line_id
            if po_line:
                rounding = po_line.product_uom.rounding
                if po_line.state == "cancel":
                    state = "cancel"
                elif po_line.state in ("draft", "sent", "to approve"):
                    state = "rfq"
                elif (
                    float_compare(
                        po_line.qty_received, po_line.product_qty, precision_rounding=rounding
                    )
                    >= 0
                ):
                    state = "received"
                elif not float_is_zero(po_line.qty_received, precision_rounding=rounding):
                    state = "partial"
                else:
                    state = "ordered"
            elif line.picking_id:
                state = {"done": "received", "cancel": "cancel"}.get(
                    line.picking_id.state, "ordered"
                )
            elif line.buy_qty or line.transfer_qty:
                state = "to_order"
            else:
                state = "none"
            line.schedule_state = state

    # ------------------------------------------------------------------
    # The check, for a batch of plans
    # ------------------------------------------------------------------
    @api.model
    def _compute_for_plans(self, plans):
        """Replace the material lines of `plans`: queries per batch depend on
        the BoM levels, the warehouses and the needed dates, not on the lines."""
        plans = plans.sudo()
        old = plans.material_ids
        keep = old.filtered(lambda m: m.purchase_line_id or m.picking_id)
        (old - keep).unlink()
        rows = self._explode(plans, keep)
        self._propose_sources(plans, rows)
        vals_list = []
        for row in rows:
            row.pop("bom", None)
            vals_list.append(row)
        return self.sudo().create(vals_list)

    @api.model
    def _explode(self, plans, keep):
        """Rows {plan_id, product_id, level, parent_product_id, required_qty,
        needed_date, forecast_qty, shortage_qty, action}: the order's
        products, then the components of their bills of materials, level by
        level (one BoM search per level and company, one forecast read per
        level, warehouse and day), a component repeated in a level summed
        once. A made product explodes only the quantity missing at its level
        (MRP netting); a phantom kit explodes in full and is not listed."""
        pending = defaultdict(float)  # (plan, product, level, parent) -> qty
        dates = {plan: plan._get_material_date() for plan in plans}
        days = {plan.id: dates[plan].date() for plan in plans}
        for plan in plans:
            for line in plan.instruction_id.line_ids:
                qty = (
                    line.product_uom_id._compute_quantity(
                        line.product_uom_qty, line.product_id.uom_id
                    )
                    if line.product_uom_id
                    else line.product_uom_qty
                )
                pending[(plan, line.product_id, 1, self.env["product.product"])] += qty
        # what the order already has on the way, beyond Odoo's forecast:
        # its own needs (left out) and the requests for quotation of an
        # earlier check (not in the forecast until confirmed)
        supply = self._own_demand(plans, days)
        for line in keep.filtered(
            lambda m: m.purchase_line_id.state in ("draft", "sent", "to approve")
        ):
            po_line = line.purchase_line_id
            supply[(line.plan_id.id, line.product_id.id)] += po_line.product_uom._compute_quantity(
                po_line.product_qty, line.product_id.uom_id
            )
        remaining = {}  # (plan id, product id) -> availability left
        rows = []
        level = 1
        bom_model = self.env["mrp.bom"].sudo()
        while pending and level <= MAX_LEVELS:
            boms = {}
            by_company = defaultdict(lambda: self.env["product.product"])
            for plan, product, _level, _parent in pending:
                by_company[plan.company_id] |= product
            for company, products in by_company.items():
                boms[company] = bom_model._bom_find(products, company_id=company.id)
            level_rows = []
            for (plan, product, lvl, parent), qty in pending.items():
                bom = boms[plan.company_id].get(product)
                level_rows.append(
                    {
                        "plan_id": plan.id,
                        "product_id": product.id,
                        "level": lvl,
                        "parent_product_id": parent.id,
                        "required_qty": qty,
                        "needed_date": dates[plan],
                        "action": "make" if bom and bom.type == "normal" else False,
                        "bom": bom,
                    }
                )
            self._check_forecast(plans, level_rows, days, supply, remaining)
            plan_by_id = {plan.id: plan for plan in plans}
            next_pending = defaultdict(float)
            for row in level_rows:
                bom = row["bom"]
                if not bom:
                    continue
                product = self.env["product.product"].browse(row["product_id"])
                qty = row["shortage_qty"] if bom.type == "normal" else row["required_qty"]
                if not qty:
                    continue
                factor = product.uom_id._compute_quantity(qty, bom.product_uom_id) / (
                    bom.product_qty or 1.0
                )
                for bom_line in bom.bom_line_ids:
                    if bom_line._skip_bom_line(product):
                        continue
                    component = bom_line.product_id
                    line_qty = bom_line.product_uom_id._compute_quantity(
                        bom_line.product_qty * factor, component.uom_id
                    )
                    next_pending[
                        (plan_by_id[row["plan_id"]], component, row["level"] + 1, product)
                    ] += line_qty
            # phantom kits are not made: only their components are needed
            rows += [r for r in level_rows if not (r["bom"] and r["bom"].type == "phantom")]
            pending = next_pending
            level += 1
        return rows

    @api.model
    def _own_demand(self, plans, dates):
        """{(plan id, product id): qty} to add to Odoo's forecast by each
        plan's needed date (`dates`: {plan id: day}): the order's own needs
        (its delivery, its manufacturing orders' components), which are not
        a shortage of this order, less what its own manufacturing orders will
        make. One search for the batch."""
        demand = defaultdict(float)
        plan_of_production = {}
        for plan in plans:
            for production in plan.production_ids | plan.sale_order_id._get_procured_productions():
                plan_of_production[production.id] = plan.id
        plan_of_order = {plan.sale_order_id.id: plan.id for plan in plans}
        domain = [("state", "not in", ("done", "cancel"))]
        own = [
            "&",
            ("sale_line_id.order_id", "in", list(plan_of_order)),
            ("location_dest_id.usage", "=", "customer"),
        ]
        if plan_of_production:
            own = [
                "|",
                "|",
                ("raw_material_production_id", "in", list(plan_of_production)),
                ("production_id", "in", list(plan_of_production)),
            ] + own
        moves = self.env["stock.move"].sudo().search(domain + own)
        for move in moves:
            if move.raw_material_production_id:
                plan_id, sign = plan_of_production.get(move.raw_material_production_id.id), 1
            elif move.production_id:
                # what the order's own manufacturing orders will make is not
                # stock for it: its components are still needed (netting)
                plan_id, sign = plan_of_production.get(move.production_id.id), -1
            else:
                plan_id, sign = plan_of_order.get(move.sale_line_id.order_id.id), 1
            if plan_id and move.date.date() <= dates[plan_id]:
                demand[(plan_id, move.product_id.id)] += sign * move.product_qty
        return demand

    @api.model
    def _check_forecast(self, plans, rows, days, supply, remaining):
        """Odoo's forecast at the needed date in each plan's warehouse, one
        read per warehouse and day for the whole product set (in a context of
        its own: no key of the caller's changes it); a product needed at
        several levels draws on the same availability once (`remaining`)."""
        plan_by_id = {plan.id: plan for plan in plans}
        groups = defaultdict(list)
        for row in rows:
            plan = plan_by_id[row["plan_id"]]
            groups[(plan.warehouse_id, plan.company_id, days[row["plan_id"]])].append(row)
        products_model = self.env["product.product"].sudo()
        for (warehouse, company, day), items in groups.items():
            context = {
                "to_date": datetime.combine(day, time.max),
                "allowed_company_ids": company.ids,
            }
            if warehouse:
                context["warehouse_id"] = warehouse.id
            products = products_model.with_env(self.env(context=context, su=True)).browse(
                {row["product_id"] for row in items}
            )
            forecast = {product.id: product.virtual_available for product in products}
            for row in items:
                key = (row["plan_id"], row["product_id"])
                if key not in remaining:
                    remaining[key] = max(forecast[row["product_id"]] + supply.get(key, 0.0), 0.0)
                product = products_model.browse(row["product_id"])
                available = remaining[key]
                row["forecast_qty"] = available
                allocated = min(available, row["required_qty"])
                remaining[key] = available - allocated
                shortage = row["required_qty"] - allocated
                if float_is_zero(shortage, precision_rounding=product.uom_id.rounding):
                    shortage = 0.0
                row["shortage_qty"] = shortage
                if not row["action"]:
                    row["action"] = "buy" if shortage else "stock"

    @api.model
    def _propose_sources(self, plans, rows):
        """Where another warehouse of the companies the user works in has the
        missing quantity free, propose a transfer (调拨) before buying
        (R-PLN-06); the rest is bought from the product's supplier."""
        plan_by_id = {plan.id: plan for plan in plans}
        short = [row for row in rows if row["action"] == "buy"]
        if not short:
            return
        companies = self.env.user.company_ids
        warehouses = (
            self.env["stock.warehouse"]
            .sudo()
            .search([("company_id", "in", companies.ids)], order="sequence, id")
        )
        products_model = self.env["product.product"].sudo()
        products = products_model.browse({row["product_id"] for row in short})
        free = {}
        for warehouse in warehouses:
            # a context of its own: no key of the caller's changes the stock read
            context = {"warehouse_id": warehouse.id, "allowed_company_ids": companies.ids}
            for product in products.with_env(self.env(context=context, su=True)):
                free[(warehouse.id, product.id)] = product.free_qty
        for row in short:
            plan = plan_by_id[row["plan_id"]]
            product = products_model.browse(row["product_id"])
            shortage = row["shortage_qty"]
            best, best_qty = None, 0.0
            for warehouse in warehouses:
                if warehouse == plan.warehouse_id:
                    continue
                qty = free.get((warehouse.id, product.id), 0.0)
                if qty > best_qty:
                    best, best_qty = warehouse, qty
            transfer = min(shortage, best_qty) if best else 0.0
            buy = shortage - transfer
            if best and transfer:
                # what is proposed to one line is no longer free for the next
                free[(best.id, product.id)] = best_qty - transfer
                row["source_warehouse_id"] = best.id
                row["source_available_qty"] = best_qty
                row["transfer_qty"] = transfer
            if float_is_zero(buy, precision_rounding=product.uom_id.rounding):
                row["action"] = "transfer"
                continue
            row["buy_qty"] = buy
            seller = product.with_company(plan.company_id)._select_seller(
                quantity=buy,
                date=row["needed_date"] and row["needed_date"].date(),
                uom_id=product.uom_id,
            )
            row["supplier_id"] = seller.partner_id.id
            row["planned_receipt_date"] = row["needed_date"]

    # ------------------------------------------------------------------
    # Odoo's documents
    # ------------------------------------------------------------------
    def _create_transfers(self):
        """Internal transfers from the proposed warehouse of the same company;
        from another company of the group, a purchase from that company."""
        lines = self.filtered(
            lambda m: m.transfer_qty and m.source_warehouse_id and not m.picking_id
        )
        groups = defaultdict(lambda: self.browse())
        for line in lines:
            groups[(line.plan_id, line.source_warehouse_id)] |= line
        inter_company = self.browse()
        for (plan, source), group in groups.items():
            if source.company_id != plan.company_id:
                inter_company |= group
                continue
            step = plan._get_step(("purchase",)) or plan._get_step(("cooperation",))
            with self._workflow_transition():
                picking = self.env["stock.picking"].create(
                    {
                        "picking_type_id": source.int_type_id.id,
                        "location_id": source.lot_stock_id.id,
                        "location_dest_id": plan.warehouse_id.lot_stock_id.id,
                        "origin": f"{plan.sale_order_id.name} / {plan.name}",
                        "company_id": plan.company_id.id,
                        "order_plan_id": plan.id,
                        "order_plan_step_id": step.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": line.product_id.display_name,
                                    "product_id": line.product_id.id,
                                    "product_uom_qty": line.transfer_qty,
                                    "product_uom": line.product_id.uom_id.id,
                                    "location_id": source.lot_stock_id.id,
                                    "location_dest_id": plan.warehouse_id.lot_stock_id.id,
                                    "date": line.needed_date or fields.Datetime.now(),
                                }
                            )
                            for line in group
                        ],
                    }
                )
            picking.action_confirm()
            group.sudo().picking_id = picking
        if inter_company:
            inter_company._create_purchases(inter_company=True)

    def _create_purchases(self, inter_company=False):
        """Requests for quotation, one per company and supplier. Lines Odoo's
        procurement already ordered for the sale order (make to order) are
        attached instead of ordered twice."""
        if inter_company:
            lines = self.filtered(lambda m: not m.purchase_line_id and not m.picking_id)
        else:
            lines = self.filtered(lambda m: m.buy_qty and not m.purchase_line_id)
        if not lines:
            return self.env["purchase.order"]
        # only what Odoo's procurement made for the order (or the plan made):
        # a purchase line a user created for the order's group is not attached
        candidates = {
            plan: plan.sale_order_id._get_procured_purchase_lines() | plan.purchase_ids.order_line
            for plan in lines.plan_id
        }
        all_candidates = self.env["purchase.order.line"].union(*candidates.values())
        taken = set(
            self.sudo()
            .search([("purchase_line_id", "in", all_candidates.ids)])
            .purchase_line_id.ids
        )
        remaining = self.browse()
        for line in lines:
            plan = line.plan_id
            existing = candidates[plan].filtered(
                lambda pl, ln=line: pl.product_id == ln.product_id
                and pl.state != "cancel"
                and pl.id not in taken
            )[:1]
            if existing and not inter_company:
                taken.add(existing.id)
                step = plan._get_step(("purchase",))
                line.sudo().purchase_line_id = existing
                existing.sudo().write({"order_plan_step_id": step.id})
                if not existing.order_id.order_plan_id:
                    existing.order_id.sudo().order_plan_id = plan
                continue
            remaining |= line
        groups = defaultdict(lambda: self.browse())
        no_supplier = self.browse()
        for line in remaining:
            partner = line.source_company_id.partner_id if inter_company else line.supplier_id
            if not partner:
                no_supplier |= line
                continue
            groups[(line.plan_id, partner)] |= line
        if no_supplier:
            names = ", ".join(no_supplier.product_id.mapped("display_name"))
            if not groups:
                raise UserError(
                    self.env._(
                        "No supplier for %(products)s: add one on the product (Purchase tab) "
                        "or on the material line.",
                        products=names,
                    )
                )
            for plan in no_supplier.plan_id:
                plan._message_log(
                    body=self.env._(
                        "Not ordered, no supplier: %(products)s.",
                        products=", ".join(
                            no_supplier.filtered(
                                lambda m, p=plan: m.plan_id == p
                            ).product_id.mapped("display_name")
                        ),
                    )
                )
        orders = self.env["purchase.order"]
        for (plan, partner), group in groups.items():
            step = plan._get_step(("purchase",))
            line_vals = []
            for line in group:
                product = line.product_id
                qty = line.transfer_qty if inter_company else line.buy_qty
                line_vals.append(
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": product.uom_id._compute_quantity(qty, product.uom_po_id),
                            "product_uom": product.uom_po_id.id,
                            "date_planned": line.planned_receipt_date
                            or line.needed_date
                            or fields.Datetime.now(),
                            "order_plan_step_id": step.id,
                        }
                    )
                )
            vals = {
                "partner_id": partner.id,
                "company_id": plan.company_id.id,
                "origin": f"{plan.sale_order_id.name} / {plan.name}",
                "order_plan_id": plan.id,
                "order_line": line_vals,
            }
            if plan.warehouse_id:
                vals["picking_type_id"] = plan.warehouse_id.in_type_id.id
            purchase_model = self.env["purchase.order"].with_company(plan.company_id)
            with self._workflow_transition():
                order = purchase_model.create(vals)
            for line, po_line in zip(group, order.order_line, strict=True):
                line.sudo().purchase_line_id = po_line
            orders |= order
        return orders
