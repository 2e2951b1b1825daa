from django.urls import path

from . import views

app_name = "emails"
urlpatterns = [
    path("echecs/", views.failed_list, name="failed"),
    path("echecs/reessayer/", views.retry_all, name="retry_all"),
    path("echecs/<int:pk>/reessayer/", views.retry, name="retry"),
]
