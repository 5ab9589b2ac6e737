from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "backend.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from backend.audit.models import AuditEvent
        from backend.search.subscriptions import on_audit_event_saved

        post_save.connect(
            on_audit_event_saved, sender=AuditEvent, dispatch_uid="search-reindex-on-audit"
        )
