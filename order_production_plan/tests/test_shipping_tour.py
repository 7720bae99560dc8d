# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestShippingTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env["res.company"].create({"name": "Tour shipping company"})
        cls.admin = env.ref("base.user_admin")
        # English, even in a database made with Chinese only (`suite.sh run`
        # loads zh_CN into a new database, where en_US is not active): the
        # tour types the arrival date in the English format
        env["res.lang"]._activate_lang("en_US")
        cls.admin.write(
            {
                "lang": "en_US",
                "company_ids": [Command.link(cls.company.id)],
                "company_id": cls.company.id,
            }
        )
        cls.dept_mfg = env["order.department"].create(
            {
                "name": "Tour manufacturing",
                "code": "TOUR-SHIP-MFG",
                "company_id": cls.company.id,
                "manager_id": cls.admin.id,
            }
        )
        cls.company.write(
            {
                "order_plan_auto_instruction": True,
                "order_plan_department_id": cls.dept_mfg.id,
                "order_shipping_notice_required": True,
            }
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.product = env["product.product"].create(
            {"name": "Tour meter box", "is_storable": True, "default_code": "MB-20"}
        )
        env["stock.quant"]._update_available_quantity(cls.product, cls.warehouse.lot_stock_id, 10)
        env["res.partner"].create({"name": "Tour logistics"})

    def test_plan_to_dispatched_picking(self):
        """R-PLN-41, R-PLN-43 in the browser: from the issued plan of a
        signed order (no advance asked), the clerk draws up the shipping
        notice and issues it; the warehouse validates the delivery (refused
        without the issued notice, the company asks for it) and dispatches
        with the carrier and its signed receipt (a scan uploaded onto the
        delivery after the issue, between the two tours: a tour cannot
        upload a file)."""
        customer = self.env["res.partner"].create({"name": "Tour shipping customer"})
        order = (
            self.env["sale.order"]
            .with_company(self.company)
            .create(
                {
                    "name": "TOUR-SHIP-SO",
                    "partner_id": customer.id,
                    "company_id": self.company.id,
                    "commitment_date": datetime(2030, 12, 20, 9, 0),
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": 3})
                    ],
                }
            )
        )
        order.action_confirm()
        order.action_mark_signed()
        order.flush_recordset()
        instruction = order.production_instruction_ids.with_user(self.admin)
        instruction.action_issue()
        instruction.action_receive()
        action = instruction.action_create_plan()
        plan = self.env["order.production.plan"].with_user(self.admin).browse(action["res_id"])
        plan.action_check_material()
        plan.action_issue()
        picking = order.picking_ids

        self.start_tour(
            f"/odoo/action-order_production_plan.action_order_production_plan/{plan.id}",
            "order_shipping_tour",
            login="admin",
        )
        notice = order.shipping_notice_ids
        self.assertEqual(notice.state, "issued")
        # the keeper uploads the carrier's scan onto the delivery, over the
        # web client's own route, after the issue (R-PLN-43)
        self.authenticate("admin", "admin")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/ir.attachment/create",
            {
                "model": "ir.attachment",
                "method": "create",
                "args": [
                    {
                        "name": "carrier-receipt.pdf",
                        "datas": base64.b64encode(b"%PDF-1.4 receipt").decode(),
                        "res_model": "stock.picking",
                        "res_id": picking.id,
                    }
                ],
                "kwargs": {},
            },
        )
        self.start_tour(
            f"/odoo/action-order_production_plan.action_order_shipping_notice/{notice.id}",
            "order_shipping_dispatch_tour",
            login="admin",
        )

        self.env.invalidate_all()
        notice = order.shipping_notice_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.plan_id, plan)
        self.assertEqual(notice.state, "dispatched")
        self.assertEqual(notice.picking_id, picking)
        self.assertEqual(picking.state, "done")
        self.assertEqual(notice.carrier_id.name, "Tour logistics")
        self.assertEqual(notice.tracking_ref, "TL-2030")
        self.assertEqual(notice.carrier_receipt_id.name, "carrier-receipt.pdf")
        self.assertEqual(notice.dispatched_by_id, self.admin)
