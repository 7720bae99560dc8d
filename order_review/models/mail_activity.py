# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL, split_every

INSERT_BATCH_SIZE = 10000


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # The deadline clock (order.sla.mixin) an activity belongs to: a document
    # may run several clocks (one per review stage…) on the same chatter.
    sla_res_model = fields.Char(string="Deadline Clock Model", index=True, readonly=True)
    sla_res_id = fields.Many2oneReference(
        string="Deadline Clock", model_field="sla_res_model", readonly=True
    )

    @api.model
    def _sla_create_batch(self, vals_list):
        """Create the deadline clocks' activities of a whole batch (the
        deadline cron's storm: thousands at once) as ``create`` would, without
        its cost per activity.

        ``vals_list`` holds the values the clocks give (document, type,
        summary, person, due date, clock). The values Odoo computes for each
        activity are computed here once per document and person (document
        model and name, the person's time zone), the defaults once for the
        batch; the rows are inserted in one query per thousand, the
        documents' activities invalidated. Then what ``create`` does after the
        insertion, in batch: the people follow their documents, and their
        activity counter is told, once per person (no assignment e-mail: the
        engine's chatter note tells, as ``mail_activity_quick_update`` does).

        :return: the activities (sudo)
        """
        Activity = self.sudo().with_context(mail_activity_quick_update=True)
        if not vals_list:
            return Activity
        model_names = {}
        for vals in vals_list:
            if vals.get("res_model"):
                model_names[vals["res_model_id"]] = vals["res_model"]
        unknown = {vals["res_model_id"] for vals in vals_list} - set(model_names)
        for model in self.env["ir.model"].sudo().browse(list(unknown)):
            model_names[model.id] = model.model
        documents = defaultdict(set)
        for vals in vals_list:
            documents[model_names[vals["res_model_id"]]].add(vals["res_id"])
        documents = {
            model: self.env[model].sudo().browse(sorted(res_ids))
            for model, res_ids in documents.items()
        }
        users = self.env["res.users"].sudo().browse({vals["user_id"] for vals in vals_list})
        activities = Activity._sla_insert_rows(
            Activity._sla_rows(vals_list, model_names, documents, users)
        )
        # what the documents show of their activities
        for records in documents.values():
            if "activity_ids" in records._fields:
                records.modified(["activity_ids"])
                records.invalidate_recordset(["activity_ids"])
        Activity._sla_after_create(vals_list, model_names, users)
        return activities

    @api.model
    def _sla_rows(self, vals_list, model_names, documents, users):
        """The complete rows: the values given, those computed per document
        and person, the defaults."""
        names = {
            (model, record.id): record.display_name
            for model, records in documents.items()
            for record in records
        }
        zones = {user.id: user.tz for user in users}
        given = {
            "res_model",
            "res_name",
            "user_tz",
            "date_done",
            *(f for v in vals_list for f in v),
        }
        defaults = self.default_get(
            [
                name
                for name, field in self._fields.items()
                if field.store
                and field.column_type
                and name not in models.LOG_ACCESS_COLUMNS
                and name != "id"
                and name not in given
            ]
        )
        now = self.env.cr.now()
        rows = []
        for vals in vals_list:
            model = model_names[vals["res_model_id"]]
            rows.append(
                {
                    **defaults,
                    **vals,
                    "res_model": model,
                    "res_name": names[model, vals["res_id"]],
                    "user_tz": zones[vals["user_id"]],
                    "date_done": False,
                    "create_uid": self.env.uid,
                    "create_date": now,
                    "write_uid": self.env.uid,
                    "write_date": now,
                }
            )
        return rows

    @api.model
    def _sla_insert_rows(self, rows):
        """Insert complete rows (one query per ten thousand); mark the stored
        computations other modules may add, as ``create`` would."""
        columns = sorted({name for row in rows for name in row})
        converted = {}

        def column_value(name, row):
            value = row.get(name)
            if (name, value) not in converted:
                converted[name, value] = self._fields[name].convert_to_column_insert(
                    value, self, row
                )
            return converted[name, value]

        ids = []
        for chunk in split_every(INSERT_BATCH_SIZE, rows):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s RETURNING id",
                    SQL.identifier(self._table),
                    SQL(", ").join(map(SQL.identifier, columns)),
                    SQL(", ").join(
                        tuple(column_value(name, row) for name in columns) for row in chunk
                    ),
                )
            )
            ids.extend(row_id for (row_id,) in self.env.cr.fetchall())
        activities = self.browse(ids)
        for name, field in self._fields.items():
            if field.store and field.compute and name not in columns:
                self.env.add_to_compute(field, activities)
        return activities

    @api.model
    def _sla_after_create(self, vals_list, model_names, users):
        """What ``create`` does once the activities exist, in batch: the
        people follow their documents, their to-do counter moves once per
        person."""
        partners = {user.id: user.partner_id.id for user in users}
        followers = defaultdict(set)
        for vals in vals_list:
            followers[model_names[vals["res_model_id"]]].add(
                (vals["res_id"], partners[vals["user_id"]])
            )
        for model, pairs in followers.items():
            self.env["mail.followers"].sudo()._sla_insert_batch(model, pairs)
        today = fields.Date.today()
        todo = defaultdict(int)
        for vals in vals_list:
            if vals.get("active", True) and fields.Date.to_date(vals["date_deadline"]) <= today:
                todo[vals["user_id"]] += 1
        for user_id, count in todo.items():
            users.browse(user_id)._bus_send(
                "mail.activity/updated", {"activity_created": True, "count_diff": count}
            )
