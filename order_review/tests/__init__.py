from . import test_deadline_calendar
from . import test_sla_mixin
from . import test_sla_cron_queries
from . import test_menu_tour
from . import test_review_flow
from . import test_review_rules
from . import test_review_concurrency
from . import test_review_tour
