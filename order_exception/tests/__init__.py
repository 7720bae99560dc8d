from . import test_change_notice
from . import test_change_notice_tour
from . import test_receipt_inspection
from . import test_overdue_solution
from . import test_exception_report
from . import test_exception_rule
from . import test_exception_report_tour
from . import test_exception_meeting
