from . import order_production_step_outsource
