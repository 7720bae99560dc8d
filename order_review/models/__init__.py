from . import resource_calendar_makeup_day
from . import resource_calendar
from . import order_sla_policy
from . import order_sla_escalation
from . import order_sla_mixin
from . import mail_activity
