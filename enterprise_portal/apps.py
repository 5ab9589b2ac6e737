from django.apps import AppConfig


class EnterprisePortalConfig(AppConfig):
    name = "enterprise_portal"
