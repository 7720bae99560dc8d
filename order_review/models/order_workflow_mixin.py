# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Workflow fields change only through the documents' own transitions.

A client (the web form, XML-RPC / JSON-RPC, an import, a server action run by
a user) may not write a state, a decision or a clock: only the server code of
the transition that sets it. The permission is not a context key, which any
RPC caller can send, but a flag held by the running Python code
(:func:`workflow_transition`, a :mod:`contextvars` variable: nothing a request
carries can set it) or the superuser environment (``sudo()``), which no client
reaches either.
"""

import contextvars
from contextlib import contextmanager

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import UserError

_TRANSITION = contextvars.ContextVar("order_workflow_transition", default=False)


@contextmanager
def server_flag(var, value=True):
    """Set the :mod:`contextvars` variable `var` to `value` inside the
    block: a flag of the server's own code, which no request can carry
    (unlike a context key)."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def workflow_transition():
    """Inside this block the suite's server code writes workflow fields."""
    return server_flag(_TRANSITION)


def in_workflow_transition():
    return _TRANSITION.get()


def next_sequence_numbers(env, code, count):
    """`count` numbers of the sequence `code`, as ``next_by_code`` draws
    them ("/" without a sequence), in one query for a batch where the
    sequence allows it (standard implementation, no date ranges)."""
    if not count:
        return []
    sequences = env["ir.sequence"]
    sequences.browse().check_access("read")
    sequence = sequences.search(
        [("code", "=", code), ("company_id", "in", [env.company.id, False])],
        order="company_id",
        limit=1,
    )
    if not sequence:
        return ["/"] * count
    if sequence.implementation != "standard" or sequence.use_date_range:
        return [sequence._next() for _i in range(count)]
    env.cr.execute(
        "SELECT nextval(%s) FROM generate_series(1, %s)", [f"ir_sequence_{sequence.id:03d}", count]
    )
    return [sequence.get_next_char(number) for number in sorted(r[0] for r in env.cr.fetchall())]


class OrderWorkflowMixin(models.AbstractModel):
    """Guarded workflow fields, declared per class and checked in one place.

    Every class of a model's inheritance chain may declare
    ``_workflow_guarded_fields`` (a tuple of field names): the mixins declare
    theirs (the review state, the deadline clock…), the document adds its own
    (its state, decision dates…); the guard takes the union. A guarded field is
    refused on ``create`` (unless it is the field's default), on ``write``
    (unless unchanged) and so on import, and is not copied by ``copy``.

    The model's transitions write them with :meth:`_workflow_write` (or inside
    ``with self._workflow_transition():``); code running as superuser passes
    too. Override :meth:`_workflow_guard_hint` to name the action to use.

    ``_workflow_frozen_fields`` may change (from a client) only while the
    document is in one of ``_workflow_editable_states`` of its
    ``_workflow_state_field``: what reviewers approved, what a closed report
    established.

    ``_workflow_fixed_fields`` are set when the record is created and never
    change from a client afterwards: the parent of a child record (a line
    moved to another document would escape that document's state), what an
    objection objected to.
    """

    _name = "order.workflow.mixin"
    _description = "Order Management Workflow Guard"

    _workflow_guarded_fields = ()
    _workflow_fixed_fields = ()
    _workflow_state_field = "state"
    _workflow_frozen_fields = ()
    _workflow_editable_states = ("draft",)

    @api.model
    def _workflow_guarded(self):
        """Names of every guarded field of the model (cached per registry class)."""
        cls = type(self)
        guarded = cls.__dict__.get("_workflow_guarded_cache")
        if guarded is None:
            names = set()
            for klass in cls.__mro__:
                names.update(klass.__dict__.get("_workflow_guarded_fields", ()))
            guarded = frozenset(names & set(self._fields))
            cls._workflow_guarded_cache = guarded
        return guarded

    @api.model
    def _workflow_transition(self):
        """The context manager of the model's own transitions."""
        return workflow_transition()

    def _workflow_write(self, vals):
        """Write workflow fields: for the model's transitions only."""
        with workflow_transition():
            return self.write(vals)

    def _workflow_is_trusted(self):
        return self.env.su or in_workflow_transition()

    def _workflow_guard_hint(self, fnames):
        """What the user should do instead of writing `fnames` (override to
        name the model's actions)."""
        return self.env._("Use the document's own buttons.")

    def _workflow_check_state(self, states):
        """Refuse an action on a record that is not in one of `states` (of
        ``_workflow_state_field``): a button the client should not have shown."""
        state_field = self._workflow_state_field
        for record in self:
            if record[state_field] not in states:
                raise UserError(
                    self.env._(
                        "%(document)s is %(state)s: this action is not available now.",
                        document=record.display_name,
                        state=dict(self._fields[state_field]._description_selection(self.env)).get(
                            record[state_field], record[state_field]
                        ),
                    )
                )

    def _workflow_refuse(self, fnames):
        labels = ", ".join(
            sorted(self._fields[name].get_description(self.env)["string"] for name in fnames)
        )
        raise UserError(
            self.env._(
                "%(model)s: %(fields)s change only through the document's own actions. " "%(hint)s",
                model=self.env["ir.model"]._get(self._name).name or self._description,
                fields=labels,
                hint=self._workflow_guard_hint(set(fnames)),
            )
        )

    @staticmethod
    def _workflow_same(field, record, value):
        """Whether writing `value` leaves `record`'s field as it is."""
        if field.type in ("one2many", "many2many"):
            return False
        return field.convert_to_cache(value, record) == field.convert_to_cache(
            record[field.name], record
        )

    @api.model
    def default_get(self, fields_list):
        """A default given in the context (``default_<field>``) never sets a
        guarded field: a client may send any context, the suite's own code
        puts such values in the create values of its transitions."""
        guarded = self._workflow_guarded()
        context = self.env.context
        model = self
        if any(key.startswith("default_") and key[8:] in guarded for key in context):
            # keys are removed, not overridden: the context is replaced
            # pylint: disable=context-overridden
            model = self.with_context(
                {
                    key: value
                    for key, value in context.items()
                    if not (key.startswith("default_") and key[8:] in guarded)
                }
            )
        return super(OrderWorkflowMixin, model).default_get(fields_list)

    @api.model
    def _workflow_check_create(self, vals_list):
        """Refuse guarded values other than the defaults in `vals_list` from
        an untrusted caller (for a model whose own ``create`` then fills some
        guarded fields itself inside a transition)."""
        if self._workflow_is_trusted():
            return
        guarded = self._workflow_guarded()
        touched = {name for vals in vals_list for name in guarded.intersection(vals)}
        if not touched:
            return
        defaults = self.default_get(list(touched))
        empty = self.browse()
        refused = {
            name
            for vals in vals_list
            for name in touched.intersection(vals)
            if self._fields[name].convert_to_cache(vals[name], empty)
            != self._fields[name].convert_to_cache(defaults.get(name, False), empty)
        }
        if refused:
            self._workflow_refuse(refused)

    def _workflow_check_write(self, vals):
        """Refuse changes of guarded fields from an untrusted caller."""
        if self._workflow_is_trusted():
            return
        refused = {
            name
            for name in self._workflow_guarded().intersection(vals)
            for record in self
            if not self._workflow_same(self._fields[name], record, vals[name])
        }
        if refused:
            self._workflow_refuse(refused)

    @api.model_create_multi
    def create(self, vals_list):
        self._workflow_check_create(vals_list)
        return super().create(vals_list)

    def _workflow_check_frozen(self, vals):
        """Refuse changes of frozen fields (names, or a dict of new values:
        then unchanged values pass) outside the editable states."""
        frozen = [name for name in self._workflow_frozen_fields if name in vals]
        if not frozen or self._workflow_is_trusted():
            return
        state_field = self._workflow_state_field
        for record in self:
            if record[state_field] in self._workflow_editable_states:
                continue
            changed = [
                name
                for name in frozen
                if not isinstance(vals, dict)
                or not self._workflow_same(self._fields[name], record, vals[name])
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "%(document)s is %(state)s: %(fields)s can no longer change.",
                        document=record.display_name,
                        state=dict(self._fields[state_field]._description_selection(self.env)).get(
                            record[state_field], record[state_field]
                        ),
                        fields=", ".join(
                            self._fields[name].get_description(self.env)["string"]
                            for name in changed
                        ),
                    )
                )

    def _workflow_check_fixed(self, vals):
        """Refuse changes of fields fixed at creation from an untrusted caller."""
        fixed = [name for name in self._workflow_fixed_fields if name in vals]
        if not fixed or self._workflow_is_trusted():
            return
        for record in self:
            changed = [
                name
                for name in fixed
                if not self._workflow_same(self._fields[name], record, vals[name])
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "%(document)s: %(fields)s cannot change once it is created.",
                        document=record.display_name,
                        fields=", ".join(
                            self._fields[name].get_description(self.env)["string"]
                            for name in changed
                        ),
                    )
                )

    def write(self, vals):
        self._workflow_check_write(vals)
        self._workflow_check_fixed(vals)
        self._workflow_check_frozen(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        """A copy starts its own workflow: guarded fields are not copied."""
        vals_list = super().copy_data(default=default)
        dropped = self._workflow_guarded() - set(default or ())
        for vals in vals_list:
            for name in dropped:
                vals.pop(name, None)
        return vals_list

    # ------------------------------------------------------------------
    # Dates as the people of the workflow read them
    # ------------------------------------------------------------------
    def _workflow_number(self, vals_list, code, fname="name", sudo=False):
        """Number the records `vals_list` creates from the sequence `code`,
        in one query for the batch: a client's own number is ignored (the
        server's code may bring one). With `sudo`, the sequence is read as
        superuser; whether a number brought is kept still depends on the
        caller."""
        trusted = self._workflow_is_trusted()
        unnamed = [vals for vals in vals_list if not trusted or vals.get(fname, "/") == "/"]
        env = self.env(su=True) if sudo else self.env
        names = next_sequence_numbers(env, code, len(unnamed))
        for vals, name in zip(unnamed, names, strict=True):
            vals[fname] = name

    def _format_date(self, value):
        """A datetime as the user reads it (their timezone), for messages."""
        if not value:
            return ""
        return fields.Datetime.context_timestamp(self, value).strftime("%Y-%m-%d %H:%M")

    @api.model
    def _user_date(self, value, user):
        """A naive UTC datetime as a date in `user`'s timezone (an activity's
        due date)."""
        tz = timezone(user.tz or self.env.user.tz or "UTC")
        return utc.localize(value).astimezone(tz).date()
