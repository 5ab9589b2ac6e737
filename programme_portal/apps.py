from django.apps import AppConfig


class ProgrammePortalConfig(AppConfig):
    name = "programme_portal"
