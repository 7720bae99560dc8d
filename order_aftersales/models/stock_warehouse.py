# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    service_parts_type_id = fields.Many2one(
        comodel_name="stock.picking.type",
        string="Spare Parts for Service",
        check_company=True,
        copy=False,
        help="The operation that takes the spare parts an engineer uses on site "
        "from the warehouse's spare-parts location to the customer (R-AFS-05, "
        "R-AFS-07). Created with its location the first time a visit of the "
        "warehouse takes parts; its default source location is the spare-parts "
        "stock.",
    )

    def _get_service_parts_type(self):
        """The warehouse's operation type of spare parts for on-site service,
        created on first use with its location ``<WH>/Spare Parts`` (R-AFS-07).

        The location is an ordinary internal location under the warehouse: the
        periodic stock count (定期盘点) is Odoo's physical inventory on it and
        the replenishment per repair demand its reordering rules. Warehouses
        that never serve on site get neither (installing the addon adds nothing
        to Odoo's own warehouses and flows)."""
        self.ensure_one()
        if self.service_parts_type_id:
            return self.service_parts_type_id
        warehouse = self.sudo()
        company = warehouse.company_id
        location = (
            self.env["stock.location"]
            .sudo()
            .create(
                {
                    "name": self.env._("Spare Parts"),
                    "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                    "company_id": company.id,
                    "barcode": warehouse._valid_barcode(
                        f"{(warehouse.code or '').replace(' ', '').upper()}SPARE", company.id
                    ),
                }
            )
        )
        picking_type = (
            self.env["stock.picking.type"]
            .sudo()
            .create(
                {
                    "name": self.env._("Spare Parts for Service"),
                    "code": "outgoing",
                    # Odoo numbers it <WH>/SVC/00001
                    "sequence_code": "SVC",
                    "warehouse_id": warehouse.id,
                    "company_id": company.id,
                    "default_location_src_id": location.id,
                    "default_location_dest_id": self.env.ref("stock.stock_location_customers").id,
                    # what the engineer brings back is not a backorder: the
                    # reservation of the unused parts is released
                    "create_backorder": "never",
                    # reserved when the engineer leaves, the lots he takes
                    "reservation_method": "manual",
                    "use_create_lots": False,
                    "use_existing_lots": True,
                }
            )
        )
        warehouse.service_parts_type_id = picking_type
        return picking_type
