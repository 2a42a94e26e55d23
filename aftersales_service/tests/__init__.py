from . import test_settings
from . import test_penalty
from . import test_penalty_score
from . import test_complaint
from . import test_forbidden_phrase
from . import test_penalty_tour
