from . import aftersales_penalty_reverse
from . import aftersales_penalty_appeal
from . import aftersales_penalty_summary
