# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""On-site visits and delivery acceptances: an engineer who is only an
employee, spare parts in the warehouse's spare-parts stock, a lot-tracked
part, and orders that require the customer's acceptance."""

from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.order_review.tests.common import local

from .common import AftersalesCase

# a 1x1 PNG: what the signature pad sends
SIGNATURE = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"
    b"AAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class OnsiteCase(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.engineer = mail_new_test_user(
            env,
            login="afs_engineer",
            password="afs_engineer",
            groups="base.group_user",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.other_engineer = mail_new_test_user(
            env,
            login="afs_other_engineer",
            password="afs_other_engineer",
            groups="base.group_user",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.accountant = mail_new_test_user(
            env,
            login="afs_accountant",
            password="afs_accountant",
            groups="base.group_user,account.group_account_invoice,"
            "sales_team.group_sale_salesman_all_leads",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.keeper = mail_new_test_user(
            env,
            login="afs_keeper",
            password="afs_keeper",
            groups="base.group_user,stock.group_stock_user",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.fuse = env["product.product"].create(
            {
                "name": "Spare Fuse",
                "is_storable": True,
                "tracking": "lot",
                "company_id": cls.company.id,
            }
        )
        cls.spare_type = cls.warehouse._get_service_parts_type()
        cls.spare_location = cls.spare_type.default_location_src_id
        cls.customers = env.ref("stock.stock_location_customers")

    @contextmanager
    def _refused(self, regex, exception=UserError):
        """assertRaisesRegex in a savepoint (Odoo's assertRaises), for an
        action that writes before it is refused."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)

    @classmethod
    def _spare(cls, product, quantity, lot=None):
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.spare_location, quantity, lot_id=lot
        )

    def _on_hand(self, product, location, lot=None):
        quants = self.env["stock.quant"]._gather(product, location, lot_id=lot, strict=bool(lot))
        return sum(quants.mapped("quantity")), sum(quants.mapped("reserved_quantity"))

    def _onsite_request(self, contacted=True, **vals):
        """An installation and commissioning request, taken by the agent."""
        request = self._request("onsite", **vals)
        if contacted:
            request.with_user(self.agent).action_contact()
        return request

    def _visit(self, request, user=None, parts=(), **vals):
        """A visit planned by the agent for Monday 29 September 2025,
        09:00–11:00 (Shanghai), of the engineer; `parts` [(product, qty, lot)]."""
        return (
            self.env["order.service.visit"]
            .with_user(user or self.agent)
            .with_company(self.company)
            .create(
                {
                    "request_id": request.id,
                    "engineer_id": vals.pop("engineer", self.engineer).id,
                    "start": vals.pop("start", local(2025, 9, 29, 9, 0)),
                    "stop": vals.pop("stop", local(2025, 9, 29, 11, 0)),
                    "tools": vals.pop("tools", "Multimeter, torque wrench"),
                    "part_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": qty,
                                "lot_id": lot.id if lot else False,
                            }
                        )
                        for product, qty, lot in parts
                    ],
                    **vals,
                }
            )
        )

    @staticmethod
    def _record_work(visit, result="passed"):
        visit.write(
            {
                "troubleshooting": "The drive does not start.",
                "cause": "A blown fuse.",
                "method": "Fuse replaced, wiring checked.",
                "cause_explained": True,
                "report": "<p>Replaced the main fuse and ran the machine for an hour.</p>",
                "commissioning_result": result,
                "commissioning_note": "Ran one hour at full load.",
            }
        )

    def _sign(self, visit, user=None, name="Buyer Wang"):
        action = visit.with_user(user or self.engineer).action_sign()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(user or self.engineer)
            .with_context(**action["context"])
        )
        wizard.signed_by = name
        wizard.signature = SIGNATURE
        return wizard.save().action_sign()

    # ------------------------------------------------------------------
    # Acceptance
    # ------------------------------------------------------------------
    def _flagged_order(self, lines=None, standard="Runs 2 hours at full load without fault."):
        order = self._order(lines or [(self.widget, 4, 100.0), (self.gadget, 2, 40.0)])
        order.write({"acceptance_required": True, "acceptance_standard": standard})
        return order
