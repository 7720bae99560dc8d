from . import test_visit
from . import test_acceptance
from . import test_onsite_guards_rpc
