from . import order_exception_override
from . import order_direct_change
