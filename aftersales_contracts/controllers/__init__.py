from . import portal
from . import oca_terms
from . import portal_onsite
