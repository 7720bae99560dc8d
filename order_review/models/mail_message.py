# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import escape

from odoo import api, models
from odoo.tools import SQL, clean_context, split_every
from odoo.tools.mail import generate_tracking_message_id

INSERT_BATCH_SIZE = 10000


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _sla_log_batch(self, model, bodies):
        """Log the internal notes {document id: body} on documents of `model`
        as ``mail.thread._message_log_batch`` does (same author, subtype,
        reply-to, one tracking message-id for the batch, no notification),
        for thousands of documents at once: the values are computed once and
        the rows inserted in one query per thousand, the documents' messages
        invalidated as ``create`` does.

        The bodies are the deadline engine's own notes: paragraphs of escaped
        text, which the HTML sanitizer leaves as they are.

        :return: ids of the notes
        """
        if not bodies:
            return []
        thread = self.env[model].sudo()
        Message = self.sudo().with_context(clean_context(self.env.context))
        author_id, email_from = thread._message_compute_author(None, None, raise_on_email=False)
        base = {
            "author_id": author_id,
            "email_from": email_from,
            "model": model,
            "record_alias_domain_id": False,
            "record_company_id": False,
            "record_name": False,
            "message_type": "notification",
            "is_internal": True,
            "subject": False,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "email_add_signature": False,
            "message_id": generate_tracking_message_id("message-notify"),
            "reply_to": thread._notify_get_reply_to(default=email_from)[False],
        }
        stored = [
            name
            for name, field in Message._fields.items()
            if field.store
            and field.column_type
            and name not in models.LOG_ACCESS_COLUMNS
            and name not in ("id", "res_id", "body")
            and name not in base
        ]
        base.update(Message.default_get(stored))
        now = self.env.cr.now()
        base.update(
            {
                "date": base.get("date") or now,
                "create_uid": self.env.uid,
                "create_date": now,
                "write_uid": self.env.uid,
                "write_date": now,
            }
        )
        columns = sorted(base)
        # the same for every note, converted once
        common = [
            Message._fields[name].convert_to_column_insert(base[name], Message, base)
            for name in columns
        ]
        columns += ["res_id", "body"]
        ids = []
        for chunk in split_every(INSERT_BATCH_SIZE, list(bodies.items())):
            values = [(*common, res_id, str(escape(body))) for res_id, body in chunk]
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s RETURNING id",
                    SQL.identifier(Message._table),
                    SQL(", ").join(map(SQL.identifier, columns)),
                    SQL(", ").join(values),
                )
            )
            ids += [row_id for (row_id,) in self.env.cr.fetchall()]
        documents = self.env[model].browse(list(bodies))
        documents.invalidate_recordset(
            [
                fname
                for fname in ("message_ids", "message_needaction", "message_needaction_counter")
                if fname in documents._fields
            ]
        )
        return ids
