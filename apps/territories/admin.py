from django.contrib import admin

from .models import CoverageRun, DocumentVersion, SeriesImport, SeriesValue, TerritoryDocument


@admin.register(CoverageRun)
class CoverageRunAdmin(admin.ModelAdmin):
    list_display = ["month", "computed_at", "communes", "duration_ms"]
    readonly_fields = ["month", "computed_at", "communes", "duration_ms", "places"]


@admin.register(SeriesImport)
class SeriesImportAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "filename", "rows", "imported_by"]


@admin.register(SeriesValue)
class SeriesValueAdmin(admin.ModelAdmin):
    list_display = ["series", "area_kind", "area_code", "period", "value", "unit", "source"]
    list_filter = ["area_kind", "series"]
    search_fields = ["series", "area_code"]


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    readonly_fields = ["number", "uploaded_at", "author_name"]


@admin.register(TerritoryDocument)
class TerritoryDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "territory", "kind", "created_at"]
    list_filter = ["kind", "territory"]
    inlines = [DocumentVersionInline]
