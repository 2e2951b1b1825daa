from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import InfoType, Network, Place, Service, ServiceLocation, Status, Structure, Theme


@admin.register(Status, Theme, InfoType)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "cep_operator", "is_active"]


class PlaceInline(admin.TabularInline):
    model = Place
    fields = ["name", "address", "postal_code", "commune"]
    raw_id_fields = ["commune"]
    extra = 0


@admin.register(Structure)
class StructureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "network", "territory", "is_active"]
    list_filter = ["network", "territory"]
    search_fields = ["name", "slug"]
    inlines = [PlaceInline]


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "structure", "commune"]
    search_fields = ["name", "structure__name"]
    raw_id_fields = ["commune", "structure"]


class ServiceLocationInline(admin.TabularInline):
    model = ServiceLocation
    raw_id_fields = ["place"]
    extra = 0


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "structure", "cep_level", "last_verified_at", "is_active"]
    list_filter = ["cep_level", "structure__network"]
    search_fields = ["name", "structure__name"]
    filter_horizontal = ["statuses", "themes", "info_types"]
    inlines = [ServiceLocationInline]
