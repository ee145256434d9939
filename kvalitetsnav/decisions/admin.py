"""The lists an administrator keeps: kinds of service, and the saved import mappings."""

from django.contrib import admin

from kvalitetsnav.core.admin import AuditedAdmin

from .models import ImportMapping, ServiceKind


@admin.register(ServiceKind)
class ServiceKindAdmin(AuditedAdmin):
    list_display = ["name", "law", "lss_number", "area", "is_active"]
    list_filter = ["law", "area", "is_active"]
    search_fields = ["name"]
    fields = ["law", "name", "lss_number", "area", "is_active"]


@admin.register(ImportMapping)
class ImportMappingAdmin(AuditedAdmin):
    list_display = ["name", "board"]
    fields = ["name", "board", "columns"]
