from . import portal_ticket_confirm
