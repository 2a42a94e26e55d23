from . import test_settings
from . import test_i18n
from . import test_tour_settings
