from . import test_change_notice
from . import test_change_notice_tour
