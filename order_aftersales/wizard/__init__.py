from . import order_service_visit_sign
