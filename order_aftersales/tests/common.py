# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A manufacturer on the seeds' working calendar with an after-sales
department, its people, two customers with portal users, and orders
delivered and invoiced."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local, seeds_calendar


class AftersalesCase(TransactionCase):
    """Company on the seeds' calendar (Mon–Fri 08:30–12:00, 13:30–17:30
    Asia/Shanghai, National Day 1–8 October 2025 off, make-up working days
    28 September and 11 October), with a chart of accounts.

    People: ``clerk`` (sales back office, receives requests), ``agent``
    (after-sales), ``head`` (head of the after-sales department),
    ``manager`` (after-sales manager), ``quality_head``; customers
    ``customer`` (portal user ``portal_user``) and ``other_customer``
    (``other_portal_user``). Products ``widget`` and ``gadget`` (storable)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env["res.company"].create({"name": "After-sales test company"})
        env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.calendar = seeds_calendar(env, cls.company)
        cls.company.resource_calendar_id = cls.calendar
        env["resource.calendar.leaves"].create(
            {
                "name": "National Day and Mid-Autumn Festival",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
                "date_from": local(2025, 10, 1, 0, 0),
                "date_to": local(2025, 10, 8, 23, 59, 59),
            }
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        company_ctx = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}

        def user(login, groups, **kw):
            return mail_new_test_user(
                env,
                login=login,
                password=login,
                groups=groups,
                tz="Asia/Shanghai",
                **company_ctx,
                **kw,
            )

        sales = "base.group_user,sales_team.group_sale_salesman"
        cls.clerk = user("afs_clerk", sales)
        cls.agent = user(
            "afs_agent",
            f"{sales},stock.group_stock_user,order_aftersales.group_order_aftersales_user",
        )
        cls.head = user(
            "afs_head",
            f"{sales},stock.group_stock_user,order_aftersales.group_order_aftersales_head",
        )
        cls.manager = user(
            "afs_manager",
            f"{sales},stock.group_stock_manager,account.group_account_invoice,"
            "order_aftersales.group_order_aftersales_manager,order_review.group_order_review_manager",
        )
        cls.quality_head = user("afs_quality", "base.group_user")
        department = env["order.department"]
        cls.aftersales_department = department.create(
            {
                "name": "After-sales",
                "code": "AFS",
                "company_id": cls.company.id,
                "manager_id": cls.head.id,
                "member_ids": [Command.set((cls.agent | cls.head).ids)],
            }
        )
        cls.quality_department = department.create(
            {
                "name": "Quality",
                "code": "QA",
                "company_id": cls.company.id,
                "manager_id": cls.quality_head.id,
            }
        )
        cls.company.aftersales_department_id = cls.aftersales_department
        partner = env["res.partner"]
        cls.customer = partner.create(
            {
                "name": "Customer Co",
                "is_company": True,
                "email": "buyer@customer.example.com",
                "company_id": cls.company.id,
            }
        )
        cls.customer_contact = partner.create(
            {
                "name": "Buyer Wang",
                "parent_id": cls.customer.id,
                "email": "wang@customer.example.com",
            }
        )
        cls.other_customer = partner.create(
            {
                "name": "Other Co",
                "is_company": True,
                "email": "boss@other.example.com",
                "company_id": cls.company.id,
            }
        )
        cls.portal_user = mail_new_test_user(
            env,
            login="afs_portal",
            password="afs_portal",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
            **company_ctx,
        )
        other_contact = partner.create(
            {
                "name": "Other Li",
                "parent_id": cls.other_customer.id,
                "email": "li@other.example.com",
            }
        )
        cls.other_portal_user = mail_new_test_user(
            env,
            login="afs_other_portal",
            password="afs_other_portal",
            groups="base.group_portal",
            partner_id=other_contact.id,
            **company_ctx,
        )
        product = env["product.product"]
        cls.widget = product.create(
            {
                "name": "Widget",
                "is_storable": True,
                "list_price": 100.0,
                "invoice_policy": "delivery",
                "company_id": cls.company.id,
            }
        )
        cls.gadget = product.create(
            {
                "name": "Gadget",
                "is_storable": True,
                "list_price": 40.0,
                "invoice_policy": "delivery",
                "company_id": cls.company.id,
            }
        )
        cls.types = {
            kind: env.ref(f"order_aftersales.request_type_{kind}")
            for kind in (
                "consultation",
                "support",
                "complaint",
                "return",
                "exchange",
                "repair",
                "onsite",
            )
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _stock(cls, product, quantity):
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.warehouse.lot_stock_id, quantity
        )

    @classmethod
    def _validate(cls, picking, quantities=None):
        """Validate `picking`, delivering `quantities` {product: qty} (all by
        default; less leaves a backorder)."""
        for move in picking.move_ids:
            cls._stock(move.product_id, move.product_uom_qty)
        picking.action_assign()
        for move in picking.move_ids:
            if quantities is not None:
                move.quantity = quantities.get(move.product_id, 0.0)
            move.picked = True
        action = picking.with_context(skip_backorder=False).button_validate()
        if isinstance(action, dict) and action.get("res_model") == "stock.backorder.confirmation":
            wizard = (
                cls.env["stock.backorder.confirmation"].with_context(**action["context"]).create({})
            )
            wizard.process()
        return picking

    @classmethod
    def _order(cls, lines, partner=None, when=(2025, 9, 22, 10, 0)):
        """A confirmed sale order of `lines` [(product, qty, price)]."""
        with freeze_time(local(*when)):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": (partner or cls.customer).id,
                    "company_id": cls.company.id,
                    "user_id": cls.clerk.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "price_unit": price}
                        )
                        for product, qty, price in lines
                    ],
                }
            )
            order.action_confirm()
        return order

    @classmethod
    def _delivered_in_two(cls, when=(2025, 9, 23, 10, 0)):
        """An order of 10 widgets and 5 gadgets delivered in two deliveries
        (6 widgets + 5 gadgets, then 4 widgets), invoiced once."""
        order = cls._order([(cls.widget, 10, 100.0), (cls.gadget, 5, 40.0)])
        with freeze_time(local(*when)):
            first = order.picking_ids
            cls._validate(first, {cls.widget: 6, cls.gadget: 5})
            second = order.picking_ids - first
            cls._validate(second)
            invoice = order._create_invoices()
            invoice.action_post()
        return order, first, second, invoice

    def _request(self, kind="support", user=None, when=(2025, 9, 26, 11, 50), **vals):
        """A request received by the clerk at `when` (Friday 26 September
        2025, 11:50 by default: 10 working minutes before lunch)."""
        with freeze_time(local(*when)):
            return (
                self.env["order.service.request"]
                .with_user(user or self.clerk)
                .with_company(self.company)
                .create(
                    {
                        "subject": vals.pop("subject", "The customer calls"),
                        "partner_id": vals.pop("partner_id", self.customer_contact.id),
                        "type_id": self.types[kind].id,
                        "channel": vals.pop("channel", "phone"),
                        **vals,
                    }
                )
            )

    def _clock(self, request, key):
        return request.sla_clock_ids.filtered(lambda c: c.key == key)

    # ------------------------------------------------------------------
    # Complaints, satisfaction, payment collection (care)
    # ------------------------------------------------------------------
    def _lot(self, name, product=None):
        return self.env["stock.lot"].create(
            {
                "name": name,
                "product_id": (product or self.widget).id,
                "company_id": self.company.id,
            }
        )

    def _close(self, request, user=None, when=(2025, 9, 29, 10, 0)):
        """After-sales contacts the customer, solves and closes `request`."""
        request = request.with_user(user or self.agent)
        with freeze_time(local(*when)):
            request.action_contact()
            request.solution = "<p>Adjusted on the phone.</p>"
            request.action_solve()
            request.action_close()
        return request

    # Returns (R-AFS-14..16)
    # ------------------------------------------------------------------
    @staticmethod
    def _move(picking, product):
        return picking.move_ids.filtered(lambda m: m.product_id == product)

    def _return_request(self, lines, kind="return", when=(2025, 9, 25, 10, 0), **vals):
        """A return request received by the clerk at `when` (Thursday 25
        September 2025, 10:00 by default) and taken by the agent, of `lines`
        [(delivered move, quantity, resolution or None for the type's)]."""
        request = self._request(kind, when=when, **vals)
        with freeze_time(local(*when)):
            request.with_user(self.agent).action_contact()
            request.with_user(self.agent).write(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "sale_line_id": move.sale_line_id.id,
                                "move_id": move.id,
                                "quantity": quantity,
                                "problem": "Scratched on arrival",
                                **({"resolution": resolution} if resolution else {}),
                            }
                        )
                        for move, quantity, resolution in lines
                    ]
                }
            )
        return request

    def _review_decide(self, request, user, decision="approve", opinion=False):
        """Decide the request's review through the wizard, as the reviewer."""
        action = request.with_user(user).with_context(decision=decision).action_review_decide()
        wizard = Form(
            self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        )
        wizard.decision = decision
        if opinion:
            wizard.opinion = opinion
        wizard.save().action_confirm()

    def _inspect(self, request, user=None, **by_product):
        """Inspect through the wizard: `by_product` {product name: (result,
        resolution or None, note)}; the others pass."""
        action = request.with_user(user or self.agent).action_return_inspect()
        with Form(
            self.env[action["res_model"]]
            .with_user(user or self.agent)
            .with_context(**action["context"])
        ) as wizard:
            for index in range(len(wizard.line_ids)):
                with wizard.line_ids.edit(index) as line:
                    result = by_product.get(line.product_id.name)
                    if result:
                        line.result, resolution, line.note = result
                        if resolution:
                            line.resolution = resolution
        wizard.record.action_confirm()

    def _receive(self, picking, user=None):
        """The warehouse validates a return receipt for its whole quantities."""
        picking = picking.with_user(user or self.manager)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
