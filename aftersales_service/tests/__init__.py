from . import test_settings
from . import test_i18n
