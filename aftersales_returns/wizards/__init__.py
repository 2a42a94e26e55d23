from . import rma_override
from . import rma_inspection
from . import rma_decision
from . import sale_order_rma_wizard
