from django.urls import path

from . import document_views, series_views, views

app_name = "territories"
urlpatterns = [
    path("", views.index, name="index"),
    path("methode/", views.method, name="method"),
    path("series/importer/", series_views.series_import, name="series_import"),
    path("documents/versions/<int:pk>/", document_views.version_file, name="document_file"),
    path("<slug:code>/", views.panorama, name="panorama"),
    path("<slug:code>/panorama.pdf", views.panorama_file, name="panorama_pdf"),
    path("<slug:code>/documents/", document_views.documents, name="documents"),
    path("<slug:code>/documents/deposer/", document_views.upload, name="document_upload"),
]
