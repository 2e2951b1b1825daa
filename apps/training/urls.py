from django.urls import path

from . import import_views

app_name = "training"
urlpatterns = [
    path("formations/import/", import_views.import_page, name="import"),
    path("formations/import/<int:pk>/", import_views.import_status, name="import_status"),
]
