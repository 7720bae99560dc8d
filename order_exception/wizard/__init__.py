from . import order_exception_override
