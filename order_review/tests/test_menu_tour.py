# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOrderManagementMenuTour(HttpCase):
    def test_menu_tour(self):
        """A manager logs in, opens Order Management and its deadline policies
        in a real browser."""
        self.env["order.sla.policy"].create(
            {"name": "4-hour tour policy", "duration": 4, "duration_unit": "working_hours"}
        )
        self.start_tour("/odoo", "order_management_menu_tour", login="admin")
