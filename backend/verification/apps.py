from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "backend.verification"
    label = "verification"
    verbose_name = _("Verification")

    def ready(self) -> None:
        from backend.verification import checks  # noqa: F401  (registers the system check)
