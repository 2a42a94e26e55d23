from . import test_settings
from . import test_warranty_card
from . import test_warranty_extension
from . import test_warranty_check
from . import test_warranty_ticket_repair
from . import test_warranty_portal
from . import test_warranty_tour
