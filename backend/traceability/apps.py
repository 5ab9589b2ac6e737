from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "backend.traceability"
    label = "traceability"
    verbose_name = _("Traceability")
