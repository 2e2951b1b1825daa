"""Routes of the training API, mounted under /api/v1/ by spro/urls.py."""

from django.urls import path

from .api import JobDetailView, JobListView, TrainingDetailView, TrainingSearchView

app_name = "training_api"
urlpatterns = [
    path("formations/search", TrainingSearchView.as_view(), name="training-search"),
    path("formations/<int:pk>", TrainingDetailView.as_view(), name="training-detail"),
    path("metiers", JobListView.as_view(), name="jobs"),
    path("metiers/<str:code>", JobDetailView.as_view(), name="job-detail"),
]
