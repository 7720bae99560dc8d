from . import test_change_notice
