from django.urls import path

from . import funding_views, import_views

app_name = "training"
urlpatterns = [
    path("formations/import/", import_views.import_page, name="import"),
    path("formations/import/<int:pk>/", import_views.import_status, name="import_status"),
]
urlpatterns += [
    path("formations/financements/", funding_views.scheme_list, name="funding_list"),
    path("formations/financements/nouveau/", funding_views.scheme_edit, name="funding_create"),
    path("formations/financements/<int:pk>/", funding_views.scheme_edit, name="funding_edit"),
    path("formations/financements/<int:pk>/historique/", funding_views.scheme_history, name="funding_history"),
]
