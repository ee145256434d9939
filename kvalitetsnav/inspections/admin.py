"""The list an administrator keeps for egenkontroll: the quality areas.

Templates, inspections and samples are managed in the application, where the access
policy applies. A quality area is never deleted, since questions of published versions
are tagged with it; it is made inactive instead, and is then no longer offered for new
questions nor shown as a column of the results.
"""

from django.contrib import admin

from kvalitetsnav.core.admin import AuditedAdmin

from .models import QualityArea


@admin.register(QualityArea)
class QualityAreaAdmin(AuditedAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    fields = ["name", "slug", "position", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position", "name"]

    def get_readonly_fields(self, request, obj=None):
        # The code is how shipped templates and integrations refer to an area.
        return ["slug"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields

    def has_delete_permission(self, request, obj=None):
        return False
