from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignationsConfig(AppConfig):
    name = "backend.designations"
    label = "designations"
    verbose_name = _("Designations and awards")
