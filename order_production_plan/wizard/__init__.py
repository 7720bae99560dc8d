from . import order_production_step_outsource
from . import order_shipping_dispatch_wizard
from . import order_shipping_failure_wizard
from . import order_shipping_call_wizard
