"""The administrator edits the lists of categories and contributing factors.

Deviations themselves are handled in the application, where the access policy applies.
"""

from django.contrib import admin

from kvalitetsnav.core.admin import AuditedAdmin

from .models import Category, ContributingFactor


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ["name", "ordering", "is_active"]
    list_editable = ["ordering", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    fields = ["name", "ordering", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: reported deviations keep their category


@admin.register(ContributingFactor)
class ContributingFactorAdmin(AuditedAdmin):
    list_display = ["name", "code", "ordering", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    fields = ["name", "code", "ordering", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False
