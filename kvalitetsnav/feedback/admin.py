"""The administrator keeps the public form's service areas and where each board sends them.

Feedback itself is handled in the application, where the access policy applies.
"""

from django.contrib import admin

from .models import ServiceArea, ServiceAreaRoute


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(ServiceAreaRoute)
class ServiceAreaRouteAdmin(admin.ModelAdmin):
    list_display = ["service_area", "board", "node"]
    list_filter = ["board"]
    autocomplete_fields: list[str] = []
