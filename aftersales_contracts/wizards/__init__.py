from . import aftersales_onsite_dispatch
