from . import test_settings
from . import test_agreement
from . import test_visits
from . import test_fees
from . import test_part_swap
from . import test_distributor
from . import test_portal
from . import test_tour
