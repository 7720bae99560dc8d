from . import order_service_rating_callback
from . import order_service_request_inspection
from . import order_service_request_inspection_line
from . import order_service_visit_sign
