# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo_test_helper import FakeModelLoader
from pytz import timezone, utc

from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user

SHANGHAI = timezone("Asia/Shanghai")


def local(*args):
    """A wall-clock time in Shanghai as Odoo stores it (naive UTC)."""
    return SHANGHAI.localize(datetime(*args)).astimezone(utc).replace(tzinfo=None)


def as_local(value):
    return utc.localize(value).astimezone(SHANGHAI).replace(tzinfo=None)


def seeds_calendar(env, company):
    """The seeds' working calendar: Mon–Fri 08:30–12:00 and 13:30–17:30 in
    Shanghai, with the make-up working days of the 2025 National Day."""
    return env["resource.calendar"].create(
        {
            "name": "Ouyi hours",
            "company_id": company.id,
            "tz": "Asia/Shanghai",
            "hours_per_day": 7.5,
            "attendance_ids": [Command.clear()]
            + [
                Command.create(
                    {
                        "name": f"{day} {period}",
                        "dayofweek": day,
                        "hour_from": start,
                        "hour_to": stop,
                        "day_period": period,
                    }
                )
                for day in "01234"
                for start, stop, period in [(8.5, 12.0, "morning"), (13.5, 17.5, "afternoon")]
            ],
            "makeup_day_ids": [
                Command.create({"name": "National Day", "date": "2025-09-28"}),
                Command.create({"name": "National Day", "date": "2025-10-11"}),
            ],
        }
    )


def sister_company_user(env, login, name, company_name="Sister company", **values):
    """Another company of the database and one of its internal users, who
    does not work for the fixtures' company (multi-company tests)."""
    sister = env["res.company"].create({"name": company_name})
    user = mail_new_test_user(
        env,
        login=login,
        name=name,
        company_id=sister.id,
        company_ids=[Command.set(sister.ids)],
        **values,
    )
    return sister, user


class OrderSlaCase(TransactionCase):
    """A company on the seeds' working calendar (Mon–Fri 08:30–12:00 and
    13:30–17:30, Asia/Shanghai) with the 2025 National Day holiday
    (1–8 October) and its make-up working days (Sunday 28 September,
    Saturday 11 October), and a throwaway document running clocks."""

    @classmethod
    def _fake_models(cls):
        """The throwaway models the class loads (imported here, after the
        registry's backup, as odoo_test_helper requires)."""
        from .sla_tester import OrderSlaTester

        return (OrderSlaTester,)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        cls.loader.update_registry(cls._fake_models())

        cls.company = cls.env["res.company"].create({"name": "Ouyi test company"})
        cls.calendar = seeds_calendar(cls.env, cls.company)
        cls.company.resource_calendar_id = cls.calendar
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "National Day and Mid-Autumn Festival",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
                "date_from": local(2025, 10, 1, 0, 0),
                "date_to": local(2025, 10, 8, 23, 59, 59),
            }
        )
        user_vals = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.clerk = mail_new_test_user(
            cls.env, login="sla_clerk", name="Sales clerk", tz="Asia/Shanghai", **user_vals
        )
        cls.head = mail_new_test_user(
            cls.env, login="sla_head", name="Department head", tz="Asia/Shanghai", **user_vals
        )
        cls.gm = mail_new_test_user(
            cls.env, login="sla_gm", name="General manager", tz="Asia/Shanghai", **user_vals
        )
        cls.Policy = cls.env["order.sla.policy"]
        cls.Tester = cls.env["order.sla.tester"]

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    @classmethod
    def _policy(cls, duration, unit, **vals):
        return cls.Policy.create(
            {
                "name": vals.pop("name", f"{duration} {unit}"),
                "company_id": cls.company.id,
                "duration": duration,
                "duration_unit": unit,
                **vals,
            }
        )

    def _deadline(self, policy, reference):
        """The deadline of `policy` for an event (or due date) at `reference`,
        in Shanghai wall-clock time."""
        (deadline, _reminder) = policy._compute_deadlines([(self.calendar, reference)])[0]
        return as_local(deadline)

    def _documents(self, count=1):
        return self.Tester.create(
            [
                {"name": f"Document {i}", "user_id": self.clerk.id, "company_id": self.company.id}
                for i in range(count)
            ]
        )


class OrderSlaClockCase(OrderSlaCase):
    """OrderSlaCase with a throwaway document running several clocks at once
    (order.sla.clock.tester: transfer, first contact and solution)."""

    @classmethod
    def _fake_models(cls):
        from .sla_tester import OrderSlaClockTester, OrderSlaTester

        return (OrderSlaTester, OrderSlaClockTester)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Requests = cls.env["order.sla.clock.tester"]
        cls.Clock = cls.env["order.sla.clock"]

    @classmethod
    def _requests(cls, count=1, **vals):
        return cls.Requests.create(
            [
                {
                    "name": f"Request {i}",
                    "user_id": cls.clerk.id,
                    "company_id": cls.company.id,
                    **vals,
                }
                for i in range(count)
            ]
        )
