from django.contrib import admin

from .models import AssistantSearchLog, RefreshRun


@admin.register(RefreshRun)
class RefreshRunAdmin(admin.ModelAdmin):
    list_display = ["finished_at", "since", "duration_ms", "rows"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AssistantSearchLog)
class AssistantSearchLogAdmin(admin.ModelAdmin):
    list_display = ["date", "theme_code", "territory", "count"]
    list_filter = ["territory"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
