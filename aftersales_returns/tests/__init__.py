from . import test_settings
from . import test_rules
from . import test_money
from . import test_inspection
from . import test_concurrency
from . import test_performance
from . import test_portal
from . import test_pickup
