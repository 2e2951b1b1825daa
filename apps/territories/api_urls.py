"""Routes of the panoramas' open data, to include under /api/v1/ in spro/urls.py."""

from django.urls import path

from . import api

urlpatterns = [
    path("territories/<slug:code>/panorama", api.PanoramaApiView.as_view(), name="territory-panorama"),
    path("territories/<slug:code>/panorama.csv", api.PanoramaCsvView.as_view(), name="territory-panorama-csv"),
    path("coverage/communes", api.CommuneCoverageView.as_view(), name="commune-coverage"),
    path("coverage/communes.csv", api.CommuneCoverageCsvView.as_view(), name="commune-coverage-csv"),
]
