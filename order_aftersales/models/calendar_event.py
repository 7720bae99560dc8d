# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def write(self, vals):
        """An on-site visit's meeting moved in the calendar moves the visit
        (R-AFS-05: the engineer arrives at the agreed time)."""
        result = super().write(vals)
        if {"start", "stop"}.intersection(vals):
            for event in self.filtered(lambda e: e.res_model == "order.service.visit"):
                visit = self.env["order.service.visit"].browse(event.res_id).exists()
                if visit and visit.calendar_event_id == event:
                    visit._sync_from_event(event)
        return result
