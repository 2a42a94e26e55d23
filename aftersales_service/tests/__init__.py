from . import test_settings
from . import test_desk_ticket
from . import test_tour_desk
