from . import res_company
from . import res_config_settings
from . import rma
from . import rma_verdict
from . import rma_evidence
from . import product_template
from . import stock_picking
from . import sale_order
