from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from kvalitetsnav.core.admin import AdministratorOnly, AuditedAdmin

from .models import ApiToken, RoleAssignment, User


class RoleAssignmentInline(AdministratorOnly, admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["node"]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "home_unit", "is_active"]
    fieldsets = DjangoUserAdmin.fieldsets + ((None, {"fields": ["home_unit"]}),)
    autocomplete_fields = ["home_unit"]

    def save_formset(self, request, form, formset, change):
        from kvalitetsnav.core import audit

        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record_delete(request.user, obj)
            obj.delete()
        for obj in instances:
            adding = obj._state.adding
            before = None if adding else audit.snapshot(type(obj).objects.get(pk=obj.pk))
            obj.save()
            if adding:
                audit.record_create(request.user, obj)
            else:
                audit.record_update(request.user, obj, before)


@admin.register(ApiToken)
class ApiTokenAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "last_used_at"]
    search_fields = ["user__username", "prefix"]
