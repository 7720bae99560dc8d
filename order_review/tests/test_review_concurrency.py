# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two reviewers deciding the same parallel stage at the same moment, in two
real database transactions, produce exactly one decision."""

import threading

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReviewConcurrency(TransactionCase):
    def _committed(self, function):
        with self.registry.cursor() as cr:
            result = function(api.Environment(cr, SUPERUSER_ID, {}))
            cr.commit()  # pylint: disable=invalid-commit
            return result

    def test_two_reviewers_one_decision(self):
        reviewers = [self.env.ref("base.user_admin").id, self.env.ref("base.user_demo").id]

        def setup(env):
            stage = env["order.review.stage"].create(
                {
                    "name": "Concurrency stage",
                    "company_id": env.ref("base.main_company").id,
                    "user_ids": [Command.set(reviewers)],
                }
            )
            order = env["sale.order"].create(
                {
                    "partner_id": env.ref("base.res_partner_2").id,
                    "user_id": False,
                    "order_line": [
                        Command.create({"product_id": env.ref("product.product_product_4").id})
                    ],
                }
            )
            order.action_request_review()
            return stage.id, order.id, order.review_ids.filtered(lambda r: r.stage_id == stage).id

        stage_id, order_id, review_id = self._committed(setup)
        barrier = threading.Barrier(2)
        outcomes = {}

        def decide(uid):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, uid, {})
                review = env["order.review"].browse(review_id)
                _state = review.state  # the transaction starts before the race
                barrier.wait(timeout=30)
                try:
                    review._decide(True, f"approved by {uid}")
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[uid] = "decided"
                except UserError as error:
                    cr.rollback()
                    outcomes[uid] = str(error)

        try:
            threads = [threading.Thread(target=decide, args=(uid,)) for uid in reviewers]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            self.assertEqual(len(outcomes), 2, outcomes)
            self.assertEqual(sorted(outcomes.values()).count("decided"), 1, outcomes)
            loser = next(outcome for outcome in outcomes.values() if outcome != "decided")
            self.assertRegex(loser, "deciding this review right now|already decided")

            def check(env):
                review = env["order.review"].browse(review_id)
                return review.state, review.decided_by_id.id, review.opinion

            state, decided_by, opinion = self._committed(check)
            self.assertEqual(state, "approved")
            winner = next(uid for uid, outcome in outcomes.items() if outcome == "decided")
            self.assertEqual(decided_by, winner)
            self.assertEqual(opinion, f"approved by {winner}")
        finally:

            def cleanup(env):
                env["mail.activity"].search(
                    [("res_model", "=", "sale.order"), ("res_id", "=", order_id)]
                ).unlink()
                env["order.review"].search(
                    [("res_model", "=", "sale.order"), ("res_id", "=", order_id)]
                ).unlink()
                env["sale.order"].browse(order_id).unlink()
                env["order.review.stage"].browse(stage_id).unlink()

            self._committed(cleanup)
