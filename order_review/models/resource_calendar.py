# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import datetime, timedelta

from pytz import timezone, utc

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.resource.models.utils import Intervals, float_to_time

ELAPSED_UNITS = {
    "minutes": timedelta(minutes=1),
    "hours": timedelta(hours=1),
    "calendar_days": timedelta(days=1),
}
WORKING_TIME_UNITS = {"working_minutes": 60, "working_hours": 3600}


class _WindowTooShort(Exception):
    """The working intervals fetched do not reach far enough."""


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    makeup_day_ids = fields.One2many(
        comodel_name="resource.calendar.makeup.day",
        inverse_name="calendar_id",
        string="Make-up Working Days",
    )

    # ------------------------------------------------------------------
    # Make-up working days count as attendance everywhere
    # ------------------------------------------------------------------
    def _attendance_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources=resources, domain=domain, tz=tz, lunch=lunch
        )
        makeup_days = self.makeup_day_ids.filtered(
            lambda d: start_dt.date() - timedelta(days=1)
            <= d.date
            <= end_dt.date() + timedelta(days=1)
        )
        if not makeup_days:
            return result
        attendances = self.attendance_ids.filtered(
            lambda a: not a.resource_id
            and not a.display_type
            and (a.day_period == "lunch") == bool(lunch)
        )
        resources_list = list(resources or []) + [self.env["resource.resource"]]
        for resource in resources_list:
            if resource and resource._is_fully_flexible():
                continue
            res_tz = tz or timezone((resource or self).tz)
            lo, hi = start_dt.astimezone(res_tz), end_dt.astimezone(res_tz)
            extra = []
            for day in makeup_days:
                for att in attendances.filtered(lambda a, d=day: a.dayofweek == d.dayofweek):
                    start = res_tz.localize(
                        datetime.combine(day.date, float_to_time(att.hour_from))
                    )
                    stop = res_tz.localize(datetime.combine(day.date, float_to_time(att.hour_to)))
                    start, stop = max(start, lo), min(stop, hi)
                    if start < stop:
                        extra.append((start, stop, att))
            if extra:
                result[resource.id] = result[resource.id] | Intervals(extra)
        return result

    # ------------------------------------------------------------------
    # Deadline arithmetic (used by order.sla.policy for whole batches)
    # ------------------------------------------------------------------
    def _order_work_intervals(self, start_dt, end_dt):
        """Working intervals of the calendar (public holidays removed, make-up
        days added) as a sorted list of (start, stop) aware UTC datetimes."""
        self.ensure_one()
        intervals = self._work_intervals_batch(start_dt, end_dt, compute_leaves=True)[False]
        return [(start.astimezone(utc), stop.astimezone(utc)) for start, stop, _rec in intervals]

    def _order_span_estimate(self, amount, unit):
        """Calendar time that surely holds `amount` units of working time,
        holidays included; the caller doubles it when it is not enough."""
        hours_per_day = self.hours_per_day or 8.0
        if unit == "working_days":
            days = amount
        else:
            days = amount * WORKING_TIME_UNITS[unit] / 3600.0 / hours_per_day
        return timedelta(days=math.ceil(days * 7 / 5) + 16)

    def _order_shift(self, datetimes, amount, unit):
        """Shift each aware datetime by `amount` (negative: backward) `unit`.

        Elapsed units are plain arithmetic. Working units walk the calendar's
        working intervals, fetched once for the whole batch.
        :return: list of aware UTC datetimes, in the order of `datetimes`
        """
        datetimes = [dt.astimezone(utc) for dt in datetimes]
        if not datetimes:
            return []
        if unit in ELAPSED_UNITS:
            return [dt + ELAPSED_UNITS[unit] * amount for dt in datetimes]
        if not amount:
            return datetimes
        self.ensure_one()
        span = self._order_span_estimate(abs(amount), unit)
        lo, hi = min(datetimes), max(datetimes)
        for _attempt in range(6):
            if amount > 0:
                window = (lo - timedelta(days=1), hi + span)
            else:
                window = (lo - span, hi + timedelta(days=1))
            intervals = self._order_work_intervals(*window)
            try:
                if unit == "working_days":
                    return self._order_shift_days(datetimes, int(amount), intervals)
                seconds = amount * WORKING_TIME_UNITS[unit]
                return self._order_shift_time(datetimes, seconds, intervals)
            except _WindowTooShort:
                span *= 2
        raise UserError(
            self.env._(
                "The working calendar %(calendar)s has no working time to count "
                "%(amount)s %(unit)s on.",
                calendar=self.display_name,
                amount=amount,
                unit=unit,
            )
        )

    def _order_shift_work_seconds(self, datetimes, seconds):
        """Move each aware datetime forward by its own number of working
        seconds (a paused clock gets back the working time it was held);
        0 leaves it where it is. The working intervals are fetched once.

        :return: list of aware UTC datetimes, in the order of `datetimes`
        """
        result = [dt.astimezone(utc) for dt in datetimes]
        todo = [index for index, amount in enumerate(seconds) if amount > 0]
        if not todo:
            return result
        self.ensure_one()
        starts = [result[index] for index in todo]
        amounts = [seconds[index] for index in todo]
        span = self._order_span_estimate(max(amounts) / 60.0, "working_minutes")
        for _attempt in range(6):
            intervals = self._order_work_intervals(
                min(starts) - timedelta(days=1), max(starts) + span
            )
            try:
                moved = self._order_shift_time(starts, amounts, intervals)
            except _WindowTooShort:
                span *= 2
                continue
            for index, when in zip(todo, moved, strict=True):
                result[index] = when
            return result
        raise UserError(
            self.env._(
                "The working calendar %(calendar)s has no working time to count "
                "%(amount)s %(unit)s on.",
                calendar=self.display_name,
                amount=round(max(amounts) / 60.0),
                unit="working_minutes",
            )
        )

    def _order_work_seconds(self, pairs):
        """Working time between each (start, stop) pair of aware datetimes, in
        seconds (0 when stop is not after start): holidays removed, make-up
        days added. The working intervals are fetched once for the batch.

        :return: list of floats, in the order of `pairs`
        """
        pairs = [(start.astimezone(utc), stop.astimezone(utc)) for start, stop in pairs]
        if not pairs:
            return []
        self.ensure_one()
        lo = min(start for start, _stop in pairs)
        hi = max(stop for _start, stop in pairs)
        if hi <= lo:
            return [0.0] * len(pairs)
        intervals = self._order_work_intervals(lo - timedelta(days=1), hi + timedelta(days=1))
        starts = [start for start, _stop in intervals]
        # cumulated working time at the start of each interval
        cumulated = [0.0]
        for start, stop in intervals:
            cumulated.append(cumulated[-1] + (stop - start).total_seconds())

        def worked_until(moment):
            index = bisect_right(starts, moment) - 1
            if index < 0:
                return 0.0
            start, stop = intervals[index]
            return cumulated[index] + (min(moment, stop) - start).total_seconds()

        return [
            max(worked_until(stop) - worked_until(start), 0.0) if stop > start else 0.0
            for start, stop in pairs
        ]

    @staticmethod
    def _order_shift_time(datetimes, seconds, intervals):
        """Shift by `seconds` of working time (one number for all, or a list:
        one per datetime) over the sorted working `intervals`."""
        starts = [start for start, _stop in intervals]
        stops = [stop for _start, stop in intervals]
        if not isinstance(seconds, list | tuple):
            seconds = [seconds] * len(datetimes)
        result = []
        for dt, seconds in zip(datetimes, seconds, strict=True):  # noqa: B020
            remaining = timedelta(seconds=abs(seconds))
            if seconds > 0:
                index = bisect_right(stops, dt)
                while True:
                    if index >= len(intervals):
                        raise _WindowTooShort()
                    start, stop = intervals[index]
                    start = max(start, dt)
                    if remaining <= stop - start:
                        result.append(start + remaining)
                        break
                    remaining -= stop - start
                    index += 1
            else:
                index = bisect_left(starts, dt) - 1
                while True:
                    if index < 0:
                        raise _WindowTooShort()
                    start, stop = intervals[index]
                    stop = min(stop, dt)
                    if remaining <= stop - start:
                        result.append(stop - remaining)
                        break
                    remaining -= stop - start
                    index -= 1
        return result

    def _order_shift_days(self, datetimes, days, intervals):
        """Same local time on the n-th working date after (before) the start.

        A start outside working time first moves to the next (previous)
        working instant, so that "1 working day" always holds one full
        working day. The result is kept within that date's working hours.
        """
        tz = timezone(self.tz or "UTC")
        by_date = defaultdict(list)
        for start, stop in intervals:
            by_date[start.astimezone(tz).date()].append((start, stop))
        dates = sorted(by_date)
        starts = [start for start, _stop in intervals]
        stops = [stop for _start, stop in intervals]
        result = []
        for dt in datetimes:
            if days > 0:
                index = bisect_right(stops, dt)
                if index >= len(intervals):
                    raise _WindowTooShort()
                dt = max(dt, intervals[index][0])
                position = bisect_right(dates, dt.astimezone(tz).date()) - 1 + days
            else:
                index = bisect_left(starts, dt) - 1
                if index < 0:
                    raise _WindowTooShort()
                dt = min(dt, intervals[index][1])
                position = bisect_left(dates, dt.astimezone(tz).date()) + days
            # the first and last dates of the window may be cut short by it
            if not 0 < position < len(dates) - 1:
                raise _WindowTooShort()
            day = dates[position]
            local = tz.localize(datetime.combine(day, dt.astimezone(tz).time()))
            first, last = by_date[day][0][0], by_date[day][-1][1]
            result.append(min(max(local.astimezone(utc), first), last))
        return result
