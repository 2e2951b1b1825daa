from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
]
