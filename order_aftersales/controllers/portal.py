# Copyright 2026 Order Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer portal's service requests: the list, the request with its
thread, and the form a customer files a request with against one of their
orders (R-AFS-01 intake by the portal, R-AFS-12, R-AFS-14 step 1)."""

from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.order_service_request import OPEN_STATES

HISTORY = "my_service_requests_history"


class ServiceRequestPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_request_count" in counters:
            requests = request.env["order.service.request"]
            values["service_request_count"] = (
                requests.search_count(
                    self._prepare_service_requests_domain(request.env.user.partner_id)
                )
                if requests.has_access("read")
                else 0
            )
        return values

    def _prepare_service_requests_domain(self, partner):
        """The requests of the customer's company (the portal rule on
        ``commercial_partner_id`` holds the same for portal users; an
        employee on /my sees their own company's as a customer would)."""
        return [("commercial_partner_id", "=", partner.commercial_partner_id.id)]

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    def _get_service_request_searchbar_sortings(self):
        _ = request.env._
        return {
            "date": {"label": _("Newest"), "order": "received_on desc, id desc"},
            "name": {"label": _("Number"), "order": "name desc, id desc"},
            "state": {"label": _("Status"), "order": "state, received_on desc, id desc"},
        }

    def _get_service_request_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Open"), "domain": [("state", "in", OPEN_STATES)]},
            "done": {
                "label": _("Solved or Closed"),
                "domain": [("state", "in", ("solved", "closed"))],
            },
        }

    def _prepare_service_requests_portal_values(self, page=1, sortby=None, filterby=None):
        requests = request.env["order.service.request"]
        values = self._prepare_portal_layout_values()
        sortings = self._get_service_request_searchbar_sortings()
        filters = self._get_service_request_searchbar_filters()
        if sortby not in sortings:
            sortby = "date"
        if filterby not in filters:
            filterby = "all"
        domain = (
            self._prepare_service_requests_domain(request.env.user.partner_id)
            + filters[filterby]["domain"]
        )
        pager = portal_pager(
            url="/my/service-requests",
            url_args={"sortby": sortby, "filterby": filterby},
            total=requests.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        # searched as the portal user: the record rules decide what is listed
        service_requests = requests.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values.update(
            {
                "service_requests": service_requests.sudo(),
                "page_name": "service_request",
                "default_url": "/my/service-requests",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return values

    @http.route(
        ["/my/service-requests", "/my/service-requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_service_requests(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_service_requests_portal_values(page, sortby, filterby)
        request.session[HISTORY] = values["service_requests"].ids[:100]
        return request.render("order_aftersales.portal_my_service_requests", values)

    # ------------------------------------------------------------------
    # One request
    # ------------------------------------------------------------------
    def _service_request_get_page_view_values(self, service_request, access_token, **kwargs):
        user = request.env.user
        order = service_request.sale_order_id
        values = {
            "page_name": "service_request",
            "service_request": service_request,
            "created": kwargs.get("created"),
            "order_accessible": bool(order)
            and not user._is_public()
            and order.with_user(user).has_access("read"),
            "backend_url": "/odoo/action-order_aftersales.order_service_request_action/"
            f"{service_request.id}",
        }
        return self._get_page_view_values(
            service_request, access_token, values, HISTORY, False, **kwargs
        )

    @http.route(["/my/service-requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_my_service_request(self, request_id, access_token=None, **kw):
        """The request, for its customer's company or whoever holds its link
        (``access_token``, sent with every notification to the customer)."""
        try:
            service_request = self._document_check_access(
                "order.service.request", request_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._service_request_get_page_view_values(service_request, access_token, **kw)
        return request.render("order_aftersales.portal_my_service_request", values)

    # ------------------------------------------------------------------
    # New request
    # ------------------------------------------------------------------
    def _service_request_portal_orders(self, order_id=None):
        """The confirmed orders of the user's company, searched as the user
        (the portal's rules on orders apply); with `order_id`, that order
        only, or none if it is not one of them."""
        domain = request.env["order.service.request"]._portal_orders_domain(
            request.env.user.partner_id
        )
        if order_id is not None:
            domain = domain + [("id", "=", order_id)]
        return request.env["sale.order"].search(
            domain, order="date_order desc, id desc", limit=1 if order_id is not None else 200
        )

    @staticmethod
    def _service_request_order_lines(order):
        return order.sudo().order_line.filtered(
            lambda line: not line.display_type and not line.is_downpayment and line.product_id
        )

    def _service_request_parse_lines(self, order, post, errors):
        """(order line, quantity, problem) of the lines the customer filled,
        taken from the order's own lines only: a posted line of another
        order is never looked at."""
        lines = []
        for sale_line in self._service_request_order_lines(order):
            raw = (post.get(f"line_qty_{sale_line.id}") or "").strip()
            if not raw:
                continue
            try:
                quantity = float(raw)
            except ValueError:
                errors.append(
                    request.env._(
                        "The quantity of %(product)s is not a number.",
                        product=sale_line.product_id.display_name,
                    )
                )
                continue
            if quantity == 0:
                continue
            lines.append((sale_line, quantity, post.get(f"line_problem_{sale_line.id}") or ""))
        return lines

    def _service_request_file(self, order, post, errors):
        """File the request from the posted form; None (and `errors`
        filled) when refused."""
        requests = request.env["order.service.request"]
        try:
            type_id = int(post.get("type_id") or 0)
        except ValueError:
            type_id = 0
        if not type_id:
            errors.append(request.env._("Choose the type of your request."))
        if not (post.get("subject") or "").strip():
            errors.append(request.env._("Give your request a subject."))
        lines = self._service_request_parse_lines(order, post, errors)
        if errors:
            return None
        files = [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist("attachments")
            if upload.filename
        ]
        try:
            # a constraint raised inside create must not leave a half request
            with request.env.cr.savepoint():
                return requests._portal_file(
                    order,
                    request.env["order.service.request.type"].browse(type_id),
                    post.get("subject"),
                    description=post.get("description"),
                    lines=lines,
                    files=files,
                )
        except ValidationError as error:
            errors.append(error.args[0])
        return None

    @http.route(
        "/my/service-requests/new",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_service_request_new(self, order_id=None, **post):
        """The form a customer files a request with: the order first (one of
        their company's confirmed orders; another's is not found), then the
        type, the subject, the description, the products concerned and
        documents. Only these reach the request (see ``_portal_file``)."""
        order = request.env["sale.order"]
        if order_id:
            try:
                order = self._service_request_portal_orders(int(order_id))
            except ValueError:
                order = request.env["sale.order"]
            if not order:
                return request.not_found()
        errors = []
        if request.httprequest.method == "POST":
            if not order:
                return request.not_found()
            service_request = self._service_request_file(order, post, errors)
            if service_request:
                return request.redirect(f"{service_request.access_url}?created=1")
        orders = self._service_request_portal_orders()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "service_request_new",
                # not "order" / "orders": other portal pages (purchase) read them
                "service_orders": orders | order,
                "service_order": order.sudo(),
                "order_lines": self._service_request_order_lines(order),
                "request_types": request.env["order.service.request"]._portal_request_types(
                    order.company_id or request.env.company
                ),
                "errors": errors,
                "form": post,
            }
        )
        return request.render("order_aftersales.portal_service_request_new", values)
