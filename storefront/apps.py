from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class StorefrontConfig(AppConfig):
    name = "storefront"

    def ready(self) -> None:
        from backend.audit.models import AuditEvent
        from backend.catalog.models import Category
        from storefront.page_cache import on_audit_event_saved, on_category_changed

        post_save.connect(
            on_audit_event_saved, sender=AuditEvent, dispatch_uid="storefront-cache-on-audit"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                on_category_changed, sender=Category, dispatch_uid="storefront-cache-categories"
            )
