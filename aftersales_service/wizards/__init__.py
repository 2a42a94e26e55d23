from . import aftersales_warranty_check
from . import aftersales_warranty_register
from . import aftersales_request_log
from . import aftersales_ticket_confirm
from . import aftersales_ticket_close_override
from . import aftersales_penalty_reverse
from . import aftersales_penalty_appeal
from . import aftersales_penalty_summary
