"""Routes of the orientation API, mounted under /api/v1/ by spro/urls.py."""

from django.urls import path

from .api import OrientationView

app_name = "orientation_api"
urlpatterns = [
    path("orientation", OrientationView.as_view(), name="orientation"),
]
