from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "backend.statistics"
    label = "programme_statistics"
    verbose_name = "Programme statistics"
