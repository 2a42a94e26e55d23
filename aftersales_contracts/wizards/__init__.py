from . import aftersales_part_swap_receive
from . import aftersales_onsite_dispatch
