from . import order_service_rating_callback
