from . import order_review_decision
from . import order_review_decline
