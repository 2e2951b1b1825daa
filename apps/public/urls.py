from django.urls import path

from . import assistant_views, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("recherche/", views.search, name="search"),
    path("communes/suggestions/", views.commune_suggestions, name="commune_suggestions"),
    path("lieux/<int:pk>/", views.place_detail, name="place"),
    path("services/<int:pk>/", views.service_detail, name="service"),
    path("structures/<slug:slug>/", views.structure_detail, name="structure"),
    path("quelle-porte/", assistant_views.assistant, name="assistant"),
    path("etre-rappele/<int:place_id>/", assistant_views.callback, name="callback"),
    path("etre-rappele/merci/", assistant_views.callback_done, name="callback_done"),
    path("mentions-legales/", views.static_page, {"template": "legal"}, name="legal"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
    path("accessibilite/", views.static_page, {"template": "accessibility"}, name="accessibility"),
    path("le-spro/", views.about, name="about"),
]
