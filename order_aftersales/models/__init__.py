from . import order_review_stage
from . import order_service_request_type
from . import order_service_request
from . import order_service_request_line
from . import res_company
from . import res_config_settings
from . import order_service_request_intake
from . import resource_calendar
