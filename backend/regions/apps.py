from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "backend.regions"
    label = "regions"
