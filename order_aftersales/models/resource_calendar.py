# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from bisect import bisect_right
from datetime import timedelta

from pytz import utc

from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _order_working_seconds(self, spans):
        """Working seconds of each (start, end) naive UTC span on this
        calendar (holidays out, make-up days in), from one fetch of the
        working intervals for the whole batch."""
        self.ensure_one()
        if not spans:
            return []
        lo = utc.localize(min(start for start, _end in spans)) - timedelta(days=1)
        hi = utc.localize(max(end for _start, end in spans)) + timedelta(days=1)
        intervals = self._order_work_intervals(lo, hi)
        starts = [start for start, _stop in intervals]
        cumulated = [0.0]
        for start, stop in intervals:
            cumulated.append(cumulated[-1] + (stop - start).total_seconds())

        def until(moment):
            moment = utc.localize(moment)
            index = bisect_right(starts, moment)
            if not index:
                return 0.0
            start, stop = intervals[index - 1]
            return cumulated[index - 1] + (min(moment, stop) - start).total_seconds()

        return [max(until(end) - until(start), 0.0) for start, end in spans]
