from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZoneConfig(AppConfig):
    name = "backend.zone"
    label = "zone"
    verbose_name = _("Special-products zone")
