from . import aftersales_warranty_check
