from django.contrib import admin

from .models import PublicEvent


@admin.register(PublicEvent)
class PublicEventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "territory"]
    list_filter = ["kind", "territory"]
    search_fields = ["title"]
    raw_id_fields = ["place", "commune", "created_by"]
