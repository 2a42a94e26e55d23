from . import aftersales_part_swap_receive
