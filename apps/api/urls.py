from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("structures", views.StructureViewSet, basename="structure")
router.register("places", views.PlaceViewSet, basename="place")
router.register("services", views.ServiceViewSet, basename="service")
router.register("communes", views.CommuneViewSet, basename="commune")


def _export(kind: str, file_format: str):
    return path(
        f"exports/data-inclusion/{kind}s.{file_format}",
        views.export_view(kind, file_format),
        name=f"export-{kind}s-{file_format}",
    )


app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
    path("services/search", views.ServiceSearchView.as_view(), name="service-search"),
    path("vocabularies/statuses/", views.StatusListView.as_view(), name="statuses"),
    path("vocabularies/themes/", views.ThemeListView.as_view(), name="themes"),
    path("vocabularies/info-types/", views.InfoTypeListView.as_view(), name="info-types"),
    path("vocabularies/networks/", views.NetworkListView.as_view(), name="networks"),
    _export("structure", "json"),
    _export("service", "json"),
    _export("structure", "csv"),
    _export("service", "csv"),
    path("imports/data-inclusion", views.DataInclusionImportView.as_view(), name="import-data-inclusion"),
    path("", include(router.urls)),
]
