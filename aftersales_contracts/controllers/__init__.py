from . import portal
from . import oca_terms
