from django.urls import path

from . import funding_views, import_views, views

app_name = "training"
urlpatterns = [
    path("formations/", views.search, name="search"),
    path("formations/<int:pk>/", views.training_detail, name="training"),
    path("formations/fiche-projet/", views.card_page, name="card"),
    path("formations/fiche-projet/pdf/", views.card_pdf, name="card_pdf"),
    path("formations/fiche-projet/ajouter/", views.card_add, name="card_add"),
    path("formations/fiche-projet/retirer/", views.card_remove, name="card_remove"),
    path("metiers/", views.job_list, name="jobs"),
    path("metiers/suggestions/", views.job_suggestions, name="job_suggestions"),
    path("metiers/<str:code>/", views.job_detail, name="job"),
    path("formations/import/", import_views.import_page, name="import"),
    path("formations/import/<int:pk>/", import_views.import_status, name="import_status"),
    path("formations/financements/", funding_views.scheme_list, name="funding_list"),
    path("formations/financements/nouveau/", funding_views.scheme_edit, name="funding_create"),
    path("formations/financements/<int:pk>/", funding_views.scheme_edit, name="funding_edit"),
    path("formations/financements/<int:pk>/historique/", funding_views.scheme_history, name="funding_history"),
]
