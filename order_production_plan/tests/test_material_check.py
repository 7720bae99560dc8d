# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The plan's material check in a real stock situation: Odoo's forecast at
the date the materials are needed, other orders' manufacturing orders, free
stock of another warehouse transferred before buying, multi-level bills of
materials, requests for quotation per supplier, and the purchase and
manufacturing orders Odoo's procurement already made for the order
(docs/rules.md: R-PLN-05, R-PLN-06, R-PLN-11)."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.order_review.tests.common import local

from .plan_common import PlanCase

NEEDED = (2025, 10, 24, 17, 0)  # assembly start of an order due on Friday 31 October


@tagged("post_install", "-at_install")
class TestMaterialCheck(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["order.production.plan"]
        cls.Production = cls.env["mrp.production"].with_company(cls.company)
        cls.Purchase = cls.env["purchase.order"].with_company(cls.company)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _check(self, plan):
        self._as(plan, self.mfg_head).action_check_material()
        return plan.material_ids

    @staticmethod
    def _line(plan, product, level=None):
        line = plan.material_ids.filtered(
            lambda m: m.product_id == product and (level is None or m.level == level)
        )
        line.ensure_one()
        return line

    def _second_warehouse(self):
        return self.env["stock.warehouse"].create(
            {"name": "Plan second warehouse", "code": "PW2", "company_id": self.company.id}
        )

    def _production(self, product, qty, date_start, origin):
        production = self.Production.create(
            {
                "product_id": product.id,
                "product_qty": qty,
                "company_id": self.company.id,
                "picking_type_id": self.warehouse.manu_type_id.id,
                "date_start": date_start,
                "origin": origin,
            }
        )
        production.action_confirm()
        production.action_assign()
        return production

    # ------------------------------------------------------------------
    # Forecast
    # ------------------------------------------------------------------
    def test_shortage_from_another_orders_production_at_needed_date(self):
        """R-PLN-05: the check reads Odoo's forecast at the date the
        materials are needed (the assembly start): breakers in stock but
        reserved by another order's manufacturing order due before are a
        shortage, those of a manufacturing order due after are not; this
        order's own manufacturing order, once made, is not counted twice."""
        self._stock(self.breaker, 10)
        with freeze_time(local(2025, 9, 26, 16, 0)):
            other = self._order([(self.cabinet, 2)], commitment_date=local(2025, 10, 22, 17, 0))
            earlier = self._production(self.cabinet, 2, local(2025, 10, 15, 8, 30), other.name)
            self._production(self.cabinet, 1, local(2025, 11, 10, 8, 30), "Next month's order")
            self.assertEqual(
                earlier.move_raw_ids.filtered(lambda m: m.product_id == self.breaker).quantity,
                8,
                "reserved",
            )
            plan = self._plan([(self.cabinet, 1)])
            self._check(plan)
        breaker = self._line(plan, self.breaker)
        self.assertEqual(breaker.needed_date, local(*NEEDED))
        self.assertEqual(breaker.level, 2)
        self.assertEqual(breaker.parent_product_id, self.cabinet)
        self.assertEqual(breaker.required_qty, 4)
        self.assertEqual(breaker.forecast_qty, 2, "10 in stock, 8 for the other order")
        self.assertEqual(breaker.shortage_qty, 2)
        self.assertEqual(breaker.action, "buy")
        self.assertEqual(breaker.buy_qty, 2)
        self.assertEqual(breaker.supplier_id, self.vendor)
        self.assertEqual(breaker.planned_receipt_date, local(*NEEDED))
        self.assertEqual(breaker.schedule_state, "to_order")
        self.assertTrue(plan.stock_checked_date)

        # this order's own manufacturing orders enter Odoo's forecast: the
        # check leaves them out
        with freeze_time(local(2025, 9, 29, 9, 0)):
            self._as(plan, self.mfg_head).action_create_productions()
            self._as(plan.production_ids, self.mfg_head).action_confirm()
            cabinet_mo = plan.production_ids.filtered(lambda p: p.product_id == self.cabinet)
            self.assertEqual(cabinet_mo.date_start, local(*NEEDED))
            self._check(plan)
        breaker = self._line(plan, self.breaker)
        self.assertEqual((breaker.forecast_qty, breaker.shortage_qty), (2, 2))

    def test_free_stock_of_second_warehouse_proposed_as_transfer(self):
        """R-PLN-06: before buying, the free stock of the company's other
        warehouse is transferred (调拨): steel wholly (action 'transfer'),
        breakers partly (transfer what is free there, buy the rest; what a
        delivery of that warehouse reserved is not free). The transfers make
        one confirmed internal picking from that warehouse, linked to the
        plan; what remains is bought."""
        warehouse2 = self._second_warehouse()
        self._stock(self.steel, 10, warehouse2)
        self._stock(self.breaker, 3, warehouse2)
        customers = warehouse2.out_type_id.default_location_dest_id
        delivery = (
            self.env["stock.picking"]
            .with_company(self.company)
            .create(
                {
                    "picking_type_id": warehouse2.out_type_id.id,
                    "location_id": warehouse2.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": "Breakers for another customer",
                                "product_id": self.breaker.id,
                                "product_uom_qty": 2,
                                "product_uom": self.breaker.uom_id.id,
                                "location_id": warehouse2.lot_stock_id.id,
                                "location_dest_id": customers.id,
                            }
                        )
                    ],
                }
            )
        )
        delivery.action_confirm()
        delivery.action_assign()
        self.assertEqual(delivery.state, "assigned")
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.cabinet, 2)])
            self._check(plan)
        steel = self._line(plan, self.steel)
        self.assertEqual((steel.level, steel.required_qty, steel.shortage_qty), (3, 4, 4))
        self.assertEqual(steel.action, "transfer")
        self.assertEqual(steel.source_warehouse_id, warehouse2)
        self.assertEqual(steel.source_available_qty, 10)
        self.assertEqual((steel.transfer_qty, steel.buy_qty), (4, 0))
        breaker = self._line(plan, self.breaker)
        self.assertEqual(breaker.shortage_qty, 8)
        self.assertEqual(breaker.action, "buy")
        self.assertEqual(breaker.source_warehouse_id, warehouse2)
        self.assertEqual(breaker.source_available_qty, 1, "2 of the 3 are reserved")
        self.assertEqual((breaker.transfer_qty, breaker.buy_qty), (1, 7))

        with freeze_time(local(2025, 9, 26, 16, 30)):
            self._as(plan, self.mfg_head).action_create_transfers()
            self._as(plan, self.mfg_head).action_create_transfers()
        picking = plan.picking_ids
        self.assertEqual(len(picking), 1, "one transfer per source warehouse, made once")
        self.assertEqual(picking.picking_type_id, warehouse2.int_type_id)
        self.assertEqual(picking.location_id, warehouse2.lot_stock_id)
        self.assertEqual(picking.location_dest_id, self.warehouse.lot_stock_id)
        self.assertIn(picking.state, ("confirmed", "assigned"))
        self.assertIn(plan.sale_order_id.name, picking.origin)
        self.assertEqual(
            {(m.product_id, m.product_uom_qty) for m in picking.move_ids},
            {(self.steel, 4), (self.breaker, 1)},
        )
        self.assertEqual((steel | breaker).picking_id, picking)
        self.assertEqual(steel.schedule_state, "ordered")

        self._as(plan, self.mfg_head).action_create_purchases()
        self.assertEqual(plan.purchase_ids.order_line.product_id, self.breaker)
        self.assertEqual(plan.purchase_ids.order_line.product_qty, 7)

    def test_free_stock_of_second_warehouse_proposed_once(self):
        """R-PLN-06: the free stock of another warehouse is transferred once:
        breakers short at two levels (sold alone and inside the cabinet)
        share the 3 free in the second warehouse, the rest is bought, and the
        transfer asks that warehouse for no more than it holds."""
        warehouse2 = self._second_warehouse()
        self._stock(self.breaker, 3, warehouse2)
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.breaker, 2), (self.cabinet, 1)])
            self._check(plan)
            self._as(plan, self.mfg_head).action_create_transfers()
        sold, inside = self._line(plan, self.breaker, 1), self._line(plan, self.breaker, 2)
        self.assertEqual((sold.shortage_qty, inside.shortage_qty), (2, 4))
        self.assertEqual((sold.action, sold.transfer_qty, sold.buy_qty), ("transfer", 2, 0))
        self.assertEqual((inside.action, inside.transfer_qty, inside.buy_qty), ("buy", 1, 3))
        self.assertEqual(sum(plan.picking_ids.move_ids.mapped("product_uom_qty")), 3)

    def test_multi_level_bom_and_component_counted_once(self):
        """R-PLN-05, R-PLN-11: the material requirements go down every level
        of the bills of materials (cabinet → frame → steel: 2 sheets per
        frame); a component needed at two levels (breakers sold alone and
        inside the cabinets) draws on the same stock once: 5 in stock for
        2 + 12 needed leaves 9 to buy, not 0."""
        self._stock(self.breaker, 5)
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.cabinet, 3), (self.breaker, 2)])
            self._check(plan)
        rows = {
            (m.product_id, m.level): (m.parent_product_id, m.required_qty, m.action)
            for m in plan.material_ids
        }
        empty = self.env["product.product"]
        self.assertEqual(
            rows,
            {
                (self.cabinet, 1): (empty, 3, "make"),
                (self.breaker, 1): (empty, 2, "stock"),
                (self.frame, 2): (self.cabinet, 3, "make"),
                (self.breaker, 2): (self.cabinet, 12, "buy"),
                (self.steel, 3): (self.frame, 6, "buy"),
            },
        )
        sold, inside = self._line(plan, self.breaker, 1), self._line(plan, self.breaker, 2)
        self.assertEqual((sold.forecast_qty, sold.shortage_qty), (5, 0))
        self.assertEqual((inside.forecast_qty, inside.shortage_qty), (3, 9))
        self.assertEqual(inside.buy_qty, 9)
        self.assertEqual(self._line(plan, self.steel).shortage_qty, 6)

    # ------------------------------------------------------------------
    # Odoo's documents
    # ------------------------------------------------------------------
    def test_purchases_grouped_by_supplier_with_receipt_dates(self):
        """R-PLN-05, R-PLN-06: what must be bought becomes one request for
        quotation per supplier, each line due on its planned receipt date
        (when assembly starts) and attached to the purchasing step; the
        material lines follow them (purchase receipt progress schedule);
        asked again, nothing is ordered twice."""
        vendor2 = self.env["res.partner"].create({"name": "Plan steel mill"})
        self.steel.seller_ids.partner_id = vendor2
        terminal = self.env["product.product"].create(
            {
                "name": "Terminal block",
                "is_storable": True,
                "seller_ids": [
                    Command.create({"partner_id": self.vendor.id, "price": 2, "company_id": False})
                ],
            }
        )
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.cabinet, 2), (terminal, 5)])
            self._check(plan)
            self._as(plan, self.mfg_head).action_create_purchases()
            self._as(plan, self.mfg_head).action_create_purchases()
        purchase_step = plan.step_ids.filtered(lambda s: s.kind == "purchase")
        orders = plan.purchase_ids
        self.assertEqual(orders.partner_id, self.vendor | vendor2)
        self.assertEqual(len(orders), 2, "one per supplier, once")
        by_vendor = {order.partner_id: order for order in orders}
        self.assertEqual(
            {(line.product_id, line.product_qty) for line in by_vendor[self.vendor].order_line},
            {(self.breaker, 8), (terminal, 5)},
        )
        self.assertEqual(
            {(line.product_id, line.product_qty) for line in by_vendor[vendor2].order_line},
            {(self.steel, 4)},
        )
        for order in orders:
            self.assertEqual(order.state, "draft")
            self.assertEqual(order.company_id, self.company)
            self.assertEqual(order.picking_type_id, self.warehouse.in_type_id)
            self.assertIn(plan.name, order.origin)
        lines = orders.order_line
        self.assertEqual(set(lines.mapped("date_planned")), {local(*NEEDED)})
        self.assertEqual(lines.order_plan_step_id, purchase_step)
        bought = plan.material_ids.filtered("buy_qty")
        self.assertEqual(bought.purchase_line_id, lines)
        self.assertEqual(set(bought.mapped("schedule_state")), {"rfq"})
        with freeze_time(local(2025, 9, 29, 9, 0)):
            self._as(by_vendor[vendor2], self.buyer).button_confirm()
        self.assertEqual(self._line(plan, self.steel).schedule_state, "ordered")

    def test_purchase_line_of_make_to_order_procurement_reused(self):
        """R-PLN-06: breakers bought to order (routes Buy + Replenish on
        Order): confirming the sale order makes Odoo's procurement order them
        from the supplier; the plan's purchase attaches that line to its
        purchasing step instead of ordering them a second time."""
        mto = self.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        buy = self.env.ref("purchase_stock.route_warehouse0_buy")
        self.breaker.route_ids = [Command.set((buy | mto).ids)]
        vendor_orders = [("partner_id", "=", self.vendor.id), ("company_id", "=", self.company.id)]
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.breaker, 5)])
            procured = plan.sale_order_id._get_purchase_orders()
            self.assertEqual(len(procured), 1, "ordered by Odoo's procurement")
            self.assertEqual(procured.order_line.product_qty, 5)
            self.assertEqual(self.Purchase.search_count(vendor_orders), 1)
            self._check(plan)
            line = self._line(plan, self.breaker)
            self.assertEqual(line.buy_qty, 5, "a request for quotation is not stock yet")
            self._as(plan, self.mfg_head).action_create_purchases()
        self.assertEqual(self.Purchase.search_count(vendor_orders), 1, "no second order")
        self.assertEqual(line.purchase_line_id, procured.order_line)
        self.assertEqual(plan.purchase_ids, procured)
        self.assertEqual(
            procured.order_line.order_plan_step_id,
            plan.step_ids.filtered(lambda s: s.kind == "purchase"),
        )
        self.assertEqual(line.schedule_state, "rfq")

    def test_manufacturing_orders_of_make_to_order_reused(self):
        """R-PLN-05: cabinets made to order (routes Manufacture + Replenish on
        Order): Odoo made their manufacturing order when the order was
        confirmed; the plan attaches it to its assembly step and only adds
        the missing frames, once, however often it is asked."""
        self.env.ref("stock.route_warehouse0_mto").active = True
        self.cabinet.route_ids = [
            Command.set(
                (
                    self.env.ref("mrp.route_warehouse0_manufacture")
                    | self.env.ref("stock.route_warehouse0_mto")
                ).ids
            )
        ]
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plan = self._plan([(self.cabinet, 2)])
            procured = plan.sale_order_id.mrp_production_ids
            self.assertEqual(len(procured), 1, "made by Odoo's procurement")
            self.assertEqual(procured.product_qty, 2)
            self._check(plan)
            self._as(plan, self.mfg_head).action_create_productions()
            self._as(plan, self.mfg_head).action_create_productions()
        finish_step = plan.step_ids.filtered(lambda s: s.kind == "assembly_finish")
        self.assertEqual(procured.order_plan_id, plan)
        self.assertEqual(procured.order_plan_step_id, finish_step)
        cabinets = self.Production.search(
            [("product_id", "=", self.cabinet.id), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(cabinets, procured, "not duplicated")
        frames = plan.production_ids - procured
        self.assertEqual(frames.product_id, self.frame)
        self.assertEqual(frames.product_qty, 2)
        self.assertEqual(plan.production_ids, procured | frames)

    def test_procured_productions_of_orders_in_one_batch(self):
        """R-PLN-05: cabinets and their frames made to order: the
        manufacturing orders Odoo's procurement made for the orders are the
        cabinets' and, through Odoo's own link (``_get_children``), the
        frames'; found for 3 orders with as many queries as for 1."""
        make = self.env.ref("mrp.route_warehouse0_manufacture")
        mto = self.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        (self.cabinet | self.frame).write({"route_ids": [Command.set((make | mto).ids)]})
        with freeze_time(local(2025, 9, 26, 16, 0)):
            orders = self.env["sale.order"]
            for _i in range(4):
                orders |= self._order([(self.cabinet, 2)])
        expected = {}
        for order in orders:
            procured = order.sudo().procurement_group_id.stock_move_ids.created_production_id
            expected[order] = procured | procured.browse(
                [child.id for production in procured for child in production._get_children()]
            )
            self.assertEqual(expected[order].product_id, self.cabinet | self.frame)
            self.assertEqual(order._get_procured_productions(), expected[order])
        for batch in (orders[:1], orders[1:]):
            self.env.invalidate_all()
            with self.assertQueryCount(9):
                found = batch._get_procured_productions()
            self.assertEqual(found, found.browse().union(*(expected[order] for order in batch)))
            self.assertEqual(len(found), 2 * len(batch))

    # ------------------------------------------------------------------
    # Performance
    # ------------------------------------------------------------------
    def test_check_material_query_count_independent_of_batch_size(self):
        """R-PLN-05: the check of many plans is one batch: checking the plans
        of 5 orders (25 material lines, transfers proposed from the second
        warehouse) costs the same number of queries as the plan of 1 order."""
        warehouse2 = self._second_warehouse()
        self._stock(self.steel, 3, warehouse2)
        self._stock(self.breaker, 2)
        with freeze_time(local(2025, 9, 26, 16, 0)):
            plans = self.Plan
            for _i in range(6):
                plans |= self._plan([(self.cabinet, 2), (self.breaker, 1)])
            single, batch = plans[:1], plans[1:]
            # a first check warms the caches and makes the lines to replace
            self._as(single, self.mfg_head).action_check_material()
            self._as(batch, self.mfg_head).action_check_material()
            self.assertEqual(len(batch.material_ids), 25)
            self.assertEqual(set(batch.material_ids.mapped("action")), {"make", "stock", "buy"})
            # the 3 free sheets of the second warehouse are proposed once
            self.assertEqual(sum(batch.material_ids.mapped("transfer_qty")), 3)
            single, batch = self._as(single, self.mfg_head), self._as(batch, self.mfg_head)
            self.env.invalidate_all()
            with self.assertQueryCount(76):
                single.action_check_material()
            self.env.invalidate_all()
            with self.assertQueryCount(76):
                batch.action_check_material()
        self.assertEqual(len(batch.material_ids), 25)
