from . import order_review_stage
from . import order_change_mixin
from . import order_change_notice
from . import order_change_notice_line
from . import sale_order
from . import purchase_order
