from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.index, name="index"),
    path("methode/", views.method, name="method"),
    path("donnees-ouvertes/", views.open_data, name="open_data"),
    path("donnees-ouvertes/indicateurs.csv", views.open_data_csv, name="open_data_csv"),
    path("donnees-ouvertes/datapackage.json", views.open_data_schema, name="open_data_schema"),
    path("region/", views.dashboard, {"kind": "region"}, name="region"),
    path("region/export.<str:fmt>", views.export, {"kind": "region"}, name="region_export"),
    path("region/synthese-crefop/", views.synthesis, name="synthesis"),
    path("region/recalculer/", views.refresh, name="refresh"),
    path("territoires/<slug:key>/", views.dashboard, {"kind": "territory"}, name="territory"),
    path("territoires/<slug:key>/export.<str:fmt>", views.export, {"kind": "territory"}, name="territory_export"),
    path("structures/<slug:key>/", views.dashboard, {"kind": "structure"}, name="structure"),
    path("structures/<slug:key>/export.<str:fmt>", views.export, {"kind": "structure"}, name="structure_export"),
]
