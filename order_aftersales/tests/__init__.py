from . import test_complaint
from . import test_satisfaction
from . import test_payment_collection
from . import test_care_http
