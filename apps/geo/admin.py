from django.contrib import admin

from .models import Commune, Departement, Region, Territory


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "postal_codes", "departement", "population"]
    search_fields = ["code", "name_search", "postal_codes"]
    list_filter = ["departement__region"]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "departement"]
    filter_horizontal = ["seats"]
    exclude = ["communes"]
