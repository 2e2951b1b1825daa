from django.urls import path

from . import views, vocabulary_views
from .exchange import views as exchange_views

app_name = "directory"
urlpatterns = [
    path("structures/", views.structure_list, name="structures"),
    path("structures/nouvelle/", views.structure_create, name="structure_create"),
    path("structures/<slug:slug>/", views.structure_manage, name="structure"),
    path("structures/<slug:slug>/modifier/", views.structure_edit, name="structure_edit"),
    path("structures/<slug:slug>/lieux/nouveau/", views.place_edit, name="place_create"),
    path("structures/<slug:slug>/lieux/<int:pk>/", views.place_edit, name="place_edit"),
    path("structures/<slug:slug>/services/nouveau/", views.service_edit, name="service_create"),
    path("structures/<slug:slug>/services/<int:pk>/", views.service_edit, name="service_edit"),
    path("structures/<slug:slug>/services/<int:pk>/verifier/", views.service_verify, name="service_verify"),
    path("structures/<slug:slug>/services/<int:pk>/retirer/", views.service_toggle, name="service_toggle"),
    path("a-verifier/", views.to_verify, name="to_verify"),
    path("import/", exchange_views.import_page, name="import"),
    path("vocabulaires/", vocabulary_views.vocabulary_index, name="vocabularies"),
    path("vocabulaires/<slug:kind>/nouveau/", vocabulary_views.vocabulary_edit, name="vocabulary_create"),
    path("vocabulaires/<slug:kind>/<int:pk>/", vocabulary_views.vocabulary_edit, name="vocabulary_edit"),
]
