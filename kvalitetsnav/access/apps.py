from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "kvalitetsnav.access"
    label = "access"
    verbose_name = "Behörigheter"
