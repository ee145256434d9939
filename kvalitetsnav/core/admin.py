"""The administrator's view of the org tree. Every change is audited through the services."""

from django.contrib import admin

from kvalitetsnav.access.policies import has_cap
from kvalitetsnav.access.roles import Cap

from . import audit, services
from .models import AuditEvent, OrgNode


def _is_administrator(request) -> bool:
    user = request.user
    return user.is_active and (user.is_superuser or has_cap(user, Cap.ADMINISTER))


# The admin site follows the same role table as the rest: system administrators only.
admin.site.has_permission = _is_administrator
admin.site.site_header = "Kvalitetsnav: administration"
admin.site.site_title = "Kvalitetsnav"


class AdministratorOnly:
    """Model permissions in the admin come from the role, not from Django's model perms."""

    def has_module_permission(self, request):
        return _is_administrator(request)

    def has_view_permission(self, request, obj=None):
        return _is_administrator(request)

    def has_add_permission(self, request, *args):
        return _is_administrator(request)

    def has_change_permission(self, request, obj=None):
        return _is_administrator(request)

    def has_delete_permission(self, request, obj=None):
        return _is_administrator(request)


class AuditedAdmin(AdministratorOnly, admin.ModelAdmin):
    """Writes the audit log for changes made in the admin."""

    def save_model(self, request, obj, form, change):
        if change:
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk))
            super().save_model(request, obj, form, change)
            audit.record_update(request.user, obj, before)
        else:
            super().save_model(request, obj, form, change)
            audit.record_create(request.user, obj)

    def delete_model(self, request, obj):
        audit.record_delete(request.user, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(OrgNode)
class OrgNodeAdmin(AuditedAdmin):
    list_display = ["name", "code", "level", "operation_kind", "provider_type", "is_active"]
    list_filter = ["level", "operation_kind", "provider_type", "is_active"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    fields = [
        "name",
        "code",
        "level",
        "parent",
        "operation_kind",
        "provider_type",
        "provider_name",
        "is_active",
    ]
    list_select_related = ["parent"]

    def get_readonly_fields(self, request, obj=None):
        # Moving a node re-paths its subtree: done with services.org_node_move.
        return ["level", "parent"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        node = services.org_node_create(
            actor=request.user,
            name=obj.name,
            code=obj.code,
            level=obj.level,
            parent=obj.parent,
            operation_kind=obj.operation_kind,
            provider_type=obj.provider_type,
            provider_name=obj.provider_name,
        )
        obj.pk, obj.path = node.pk, node.path
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: records keep pointing at their unit


@admin.register(AuditEvent)
class AuditEventAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ["occurred_at", "actor_username", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_username", "object_id", "object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
