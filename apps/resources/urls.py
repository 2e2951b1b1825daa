from django.urls import path

from . import views

app_name = "resources"
urlpatterns = [
    path("", views.index, name="index"),
    path("nouvelle/", views.resource_edit, name="create"),
    path("etat-des-lieux/", views.tools, name="tools"),
    path("etat-des-lieux/nouveau/", views.tool_edit, name="tool_create"),
    path("etat-des-lieux/<int:pk>/", views.tool_edit, name="tool_edit"),
    path("ressources/<slug:slug>/", views.detail, name="detail"),
    path("ressources/<slug:slug>/modifier/", views.resource_edit, name="edit"),
    path("ressources/<slug:slug>/nouvelle-version/", views.version_create, name="version_create"),
    path("ressources/<slug:slug>/telecharger/", views.download, name="download"),
    path("ressources/<slug:slug>/versions/<int:number>/", views.download, name="version_download"),
]
