# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The follow-ups' workflow fields over real HTTP JSON-RPC (R-PLN-22,
R-PLN-32): the client asks, the server decides."""

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.order_review.tests.common import local
from odoo.addons.order_review.tests.rpc import GUARDED, JsonRpcCase

from .followup_common import FollowupCase

USER_ERROR = "odoo.exceptions.UserError"
ACCESS_ERROR = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install")
class TestFollowupGuardsRpc(JsonRpcCase, FollowupCase, HttpCase):
    refused_exceptions = (USER_ERROR,)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._supplier_policies()
        cls.plan = cls._due_plan(local(2025, 10, 31, 17, 0))
        cls.purchase = cls._purchase([local(2025, 11, 5, 10, 0)])
        # the purchase serves the clerk's order: the clerk reads its follow-up
        cls.purchase.sudo().order_plan_id = cls.plan
        with freeze_time(local(2025, 10, 29, 9, 0)):
            cls.env["order.production.followup"]._cron_create_followups()
        cls.followup = cls.env["order.production.followup"].search(
            [("plan_id", "=", cls.plan.id), ("kind", "=", "order")]
        )
        cls.supplier = cls.env["order.production.followup"].search(
            [("purchase_id", "=", cls.purchase.id), ("kind", "=", "supplier_confirm")]
        )

    def setUp(self):
        super().setUp()
        self.assertEqual(len(self.followup), 1)
        self.assertEqual(len(self.supplier), 1)

    def _attack(self, attacks):
        for model, method, args, kwargs, message, *error in attacks:
            with self.subTest(model=model, method=method, args=args):
                self._assert_refused(model, method, args, message, kwargs, exceptions=error)
        self.env.invalidate_all()

    def test_salesperson_cannot_close_the_follow_up(self):
        """R-PLN-22, R-PLN-30: the order follower closes the follow-up only
        by its buttons: writing its state, result, done date or clock over
        JSON-RPC is refused, even with a context asking; what the follower
        records (what is late) passes."""
        model = self.followup._name
        ids = self.followup.ids
        self.authenticate("plan_clerk", "plan_clerk")
        when = "2025-09-20 08:00:00"
        self._attack(
            [
                (model, "write", [ids, {"state": "done"}], {}, GUARDED),
                (model, "write", [ids, {"done_date": when}], {}, GUARDED),
                (model, "write", [ids, {"result": "on_track"}], {}, GUARDED),
                (model, "write", [ids, {"sla_state": "met"}], {}, GUARDED),
                (model, "write", [ids, {"user_id": self.gm.id}], {}, GUARDED),
                (
                    model,
                    "write",
                    [ids, {"state": "done"}],
                    {"context": {"workflow_transition": True}},
                    GUARDED,
                ),
            ]
        )
        self.assertEqual(self.followup.state, "open")
        self.assertFalse(self.followup.done_date)
        self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/write",
            {
                "model": model,
                "method": "write",
                "args": [ids, {"deviation_note": "Frames late."}],
                "kwargs": {},
            },
        )
        self.env.invalidate_all()
        self.assertEqual(self.followup.deviation_note, "Frames late.")

    def test_buyer_cannot_write_the_confirmed_ship_date(self):
        """R-PLN-32, R-PLN-34: the confirmed ship date, who confirmed it and
        the dispatch are recorded only by the follow-up's actions: the buyer
        cannot write them on the purchase line over JSON-RPC."""
        line = self.purchase.order_line
        self.authenticate("plan_buyer", "plan_buyer")
        self._attack(
            [
                (
                    "purchase.order.line",
                    "write",
                    [line.ids, {"order_confirmed_ship_date": "2025-10-20 02:00:00"}],
                    {},
                    GUARDED,
                ),
                (
                    "purchase.order.line",
                    "write",
                    [line.ids, {"order_confirmed_by_id": self.gm.id}],
                    {},
                    GUARDED,
                ),
                (
                    "purchase.order.line",
                    "write",
                    [line.ids, {"order_dispatched_on": "2025-10-20 02:00:00"}],
                    {},
                    GUARDED,
                ),
                (
                    self.supplier._name,
                    "write",
                    [self.supplier.ids, {"state": "done", "result": "confirmed"}],
                    {},
                    GUARDED,
                ),
            ]
        )
        self.assertFalse(line.order_confirmed_ship_date)
        self.assertFalse(line.order_confirmed_by_id)
        self.assertEqual(self.supplier.state, "open")

    def test_manager_cannot_create_a_done_follow_up(self):
        """R-PLN-22: follow-ups are created by the server: even the general
        manager cannot create one already done, nor one for a plan, over
        JSON-RPC."""
        model = self.followup._name
        self.authenticate("plan_gm", "plan_gm")
        self._attack(
            [
                (model, "create", [{"state": "done"}], {}, GUARDED),
                (model, "create", [{"plan_id": self.plan.id}], {}, GUARDED),
                (model, "create", [{"done_date": "2025-09-20 08:00:00"}], {}, GUARDED),
                (model, "create", [{"kind": "readiness"}], {}, GUARDED),
            ]
        )
        plan_followups = [("plan_id", "=", self.plan.id), ("kind", "in", ("order", "readiness"))]
        self.assertEqual(self.env[model].search_count(plan_followups), 1)

    def test_only_the_acting_person_acts_and_records(self):
        """R-PLN-22: the order follow-up is done by the order follower (else
        the sales head or a sales manager): the manufacturing head (a
        planner), the general manager and the buyer can neither close it
        nor write what is late; R-PLN-32: the salesperson cannot record the
        supplier's ship date nor the carrier on the supplier follow-up of
        his order's purchase, nor supplier fields on his own follow-up;
        R-EXC-13: the expedite note is answered by the manufacturing head
        or the general manager, never by the follower who sent it."""
        model = self.followup._name
        ids = self.followup.ids
        supplier_ids = self.supplier.ids
        self.assertEqual(self.supplier.sale_order_id.user_id, self.clerk)
        for login in ("plan_mfg_head", "plan_gm", "plan_buyer"):
            self.authenticate(login, login)
            self._attack(
                [
                    (model, "action_on_track", [ids], {}, "is done by"),
                    (model, "write", [ids, {"deviation_note": "Nothing."}], {}, "is done by"),
                    (
                        model,
                        "write",
                        [ids, {"customer_final_date": "2025-12-01 02:00:00"}],
                        {},
                        "is done by",
                    ),
                ]
            )
        self.authenticate("plan_clerk", "plan_clerk")
        carrier = self.env["res.partner"].create({"name": "Carrier of the clerk"})
        self._attack(
            [
                (
                    model,
                    "write",
                    [supplier_ids, {"confirmed_ship_date": "2025-11-01 02:00:00"}],
                    {},
                    "is done by",
                ),
                (model, "write", [supplier_ids, {"carrier_contact": "Mr Wang"}], {}, "not for"),
                (model, "write", [supplier_ids, {"carrier_id": carrier.id}], {}, "not for"),
                (model, "write", [supplier_ids, {"late_reason": "none"}], {}, "is done by"),
                (model, "action_confirm_ship_date", [supplier_ids], {}, "is done by"),
                (
                    model,
                    "write",
                    [ids, {"confirmed_ship_date": "2025-11-01 02:00:00"}],
                    {},
                    "not for",
                ),
            ]
        )
        self.assertFalse(self.supplier.confirmed_ship_date)
        self.assertEqual(self.followup.state, "open")
        # the clerk records the deviation and sends the note, then cannot answer it
        self._call(
            model,
            "write",
            [ids, {"deviation_note": "Frames late.", "customer_final_date": "2025-11-10 09:00:00"}],
        )
        note_action = self._call(model, "action_deviation", [ids])
        note = self.env["order.production.expedite"].browse(note_action["res_id"])
        self.assertEqual(note.user_id, self.clerk)
        self._attack(
            [
                (note._name, "write", [note.ids, {"answer": "Fine."}], {}, "answered by"),
                (note._name, "action_answer", [note.ids], {}, "answered by"),
            ]
        )
        self.assertFalse(note.answer)
        self.authenticate("plan_mfg_head", "plan_mfg_head")
        self._call(note._name, "write", [note.ids, {"answer": "Overtime."}])
        self._call(note._name, "action_answer", [note.ids])
        self.env.invalidate_all()
        self.assertEqual((note.state, note.answered_by_id), ("answered", self.mfg_head))

    def test_work_contact_sheet_rights(self):
        """R-EXC-14: a work contact sheet is seen by the person who raised it,
        the departments it concerns and the plan's people, not by another
        salesperson; only the department asked writes the solution, and not
        the person who asked even when a member of it; a sheet is raised on
        behalf of one's own department, to a department of the company."""
        sheet_model = "order.work.contact"
        sheet = (
            self.env[sheet_model]
            .with_user(self.workshop_head)
            .with_company(self.company)
            .create(
                {
                    "plan_id": self.plan.id,
                    "problem": "The drawing of the door is missing.",
                    "requesting_department_id": self.dept_workshop.id,
                    "department_id": self.dept_mfg.id,
                }
            )
        )
        other = self.env["res.company"].create({"name": "Sister plant"})
        foreign = self.env["order.department"].create(
            {"name": "Sister purchasing", "code": "T-SIS", "company_id": other.id}
        )
        self.authenticate("plan_clerk", "plan_clerk")
        found = self._call(sheet_model, "search_read", [[]], {"fields": ["id"]})
        self.assertNotIn(sheet.id, [row["id"] for row in found])
        problem = {"problem": "Wrong colour.", "plan_id": self.plan.id}
        self._attack(
            [
                (
                    sheet_model,
                    "read",
                    [sheet.ids, ["problem"]],
                    {},
                    "Work Contact Sheet",
                    ACCESS_ERROR,
                ),
                (
                    sheet_model,
                    "create",
                    [
                        dict(
                            problem,
                            requesting_department_id=self.dept_mfg.id,
                            department_id=self.dept_workshop.id,
                        )
                    ],
                    {},
                    "a department you belong to",
                ),
                (
                    sheet_model,
                    "create",
                    [
                        dict(
                            problem,
                            requesting_department_id=self.dept_sales.id,
                            department_id=foreign.id,
                        )
                    ],
                    {},
                    "another company",
                ),
            ]
        )
        # the clerk asks the workshop, of which he is a member: he cannot answer
        self.dept_workshop.member_ids = self.clerk
        own = self._call(
            sheet_model,
            "create",
            [
                dict(
                    problem,
                    requesting_department_id=self.dept_sales.id,
                    department_id=self.dept_workshop.id,
                )
            ],
        )
        self._attack(
            [
                (sheet_model, "write", [[own], {"solution": "Done."}], {}, "you asked"),
                (sheet_model, "action_answer", [[own]], {}, "you asked"),
            ]
        )
        # the buyer reads every sheet, but answers only his department's
        self.authenticate("plan_buyer", "plan_buyer")
        self._attack(
            [
                (
                    sheet_model,
                    "write",
                    [sheet.ids, {"solution": "Drawn."}],
                    {},
                    "answered by the head or a member of Manufacturing",
                ),
            ]
        )
        self.env.invalidate_all()
        self.assertFalse(sheet.solution)
        self.assertFalse(self.env[sheet_model].browse(own).solution)
