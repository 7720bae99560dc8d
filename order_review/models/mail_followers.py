# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL, split_every

INSERT_BATCH_SIZE = 10000


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _sla_insert_batch(self, res_model, pairs):
        """Make partners follow documents of `res_model` ({(document id,
        partner id)}) with their default subtypes, skipping those who already
        follow, as ``message_subscribe`` does, for thousands of documents at
        once: Odoo computes the followers to add (``_add_default_followers``,
        whose result is meant to be inserted directly, in one query for the
        whole batch), the rows and their subtypes are inserted in one query
        per thousand.

        :return: ids of the new followers
        """
        pairs = set(pairs)
        if not pairs:
            return []
        res_ids = sorted({res_id for res_id, _partner_id in pairs})
        partner_ids = sorted({partner_id for _res_id, partner_id in pairs})
        new, _update = self._add_default_followers(
            res_model, res_ids, partner_ids, check_existing=True, existing_policy="skip"
        )
        rows = [
            (res_id, values["partner_id"], values["subtype_ids"][0][2])
            for res_id, values_list in new.items()
            for values in values_list
            if (res_id, values["partner_id"]) in pairs
        ]
        ids = []
        subtypes = self._fields["subtype_ids"]
        for chunk in split_every(INSERT_BATCH_SIZE, rows):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES %s "
                    "RETURNING id",
                    SQL(", ").join(
                        (res_model, res_id, partner_id) for res_id, partner_id, _s in chunk
                    ),
                )
            )
            chunk_ids = [row_id for (row_id,) in self.env.cr.fetchall()]
            ids += chunk_ids
            links = [
                (follower_id, subtype_id)
                for follower_id, (_r, _p, subtype_ids) in zip(chunk_ids, chunk, strict=True)
                for subtype_id in subtype_ids
            ]
            for links_chunk in split_every(INSERT_BATCH_SIZE * 4, links):
                self.env.cr.execute(
                    SQL(
                        "INSERT INTO %s (%s, %s) VALUES %s ON CONFLICT DO NOTHING",
                        SQL.identifier(subtypes.relation),
                        SQL.identifier(subtypes.column1),
                        SQL.identifier(subtypes.column2),
                        SQL(", ").join(links_chunk),
                    )
                )
        if ids:
            documents = self.env[res_model].browse(sorted({res_id for res_id, _p, _s in rows}))
            documents.invalidate_recordset(
                [
                    fname
                    for fname in (
                        "message_follower_ids",
                        "message_partner_ids",
                        "message_is_follower",
                    )
                    if fname in documents._fields
                ]
            )
        return ids
