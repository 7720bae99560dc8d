# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The web client's JSON-RPC calls over real HTTP, for the tests that check
what the server refuses a client: the client asks, the server decides."""

import json

from odoo.exceptions import UserError, ValidationError

GUARDED = r"change only through the document's own actions"


def _exception_name(exception):
    """The dotted name a JSON-RPC error reports for `exception`, a class or
    already its name (``"odoo.exceptions.UserError"``)."""
    if isinstance(exception, str):
        return exception
    return f"{exception.__module__}.{exception.__name__}"


class JsonRpcCase:
    """A mixin beside :class:`~odoo.tests.HttpCase`: calls of
    ``/web/dataset/call_kw/<model>/<method>`` as the authenticated user.

    ``refused_exceptions`` are the errors :meth:`_assert_refused` accepts when
    a call names none (a class's guards refuse with a UserError only, say).
    """

    GUARDED = GUARDED
    refused_exceptions = (UserError, ValidationError)

    @staticmethod
    def _call_kw(model, method, args, kwargs=None):
        """The call's route and params."""
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        return f"/web/dataset/call_kw/{model}/{method}", params

    def _call(self, model, method, args, kwargs=None):
        """The call's result; an error raises JsonRpcException."""
        return self.make_jsonrpc_request(*self._call_kw(model, method, args, kwargs))

    def _rpc_body(self, model, method, args, kwargs=None):
        """The call's decoded JSON-RPC response, with its result or its error."""
        route, params = self._call_kw(model, method, args, kwargs)
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        response = self.url_open(
            route,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        return response.json()

    def _rpc_error(self, model, method, args, kwargs=None):
        """The call is refused; its error's data (name, message...)."""
        body = self._rpc_body(model, method, args, kwargs)
        self.assertNotIn("result", body, f"{model}.{method}{args} was accepted")
        return body["error"]["data"]

    def _assert_refused(self, model, method, args, message, kwargs=None, exceptions=None):
        """The call fails with one of `exceptions` (by default the class's
        ``refused_exceptions``) whose message matches the regex `message`, so
        that it is refused by the guard, not by something else; its error's
        data."""
        error = self._rpc_error(model, method, args, kwargs)
        names = [_exception_name(e) for e in exceptions or self.refused_exceptions]
        self.assertIn(error["name"], names, error["message"])
        self.assertRegex(error["message"], message)
        return error
