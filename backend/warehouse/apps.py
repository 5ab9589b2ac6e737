from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WarehouseConfig(AppConfig):
    name = "backend.warehouse"
    label = "warehouse"
    verbose_name = _("Warehouses and stock")
