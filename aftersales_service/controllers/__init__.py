from . import portal
from . import portal_ticket_confirm
from . import oca_terms
from . import warranty_public
from . import login_lang
