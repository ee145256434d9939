from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kvalitetsnav.api"
    label = "api"
    verbose_name = "API"
