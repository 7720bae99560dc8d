# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def related_counts(records, comodel, field):
    """{record: number of `comodel` documents whose `field` points to it}, in
    one query. People who read the records without reading those documents
    (a buyer, an accountant) get no count rather than an access error."""
    documents = records.env[comodel]
    if not records.ids or not documents.has_access("read"):
        return {}
    return dict(documents._read_group([(field, "in", records.ids)], [field], ["__count"]))
