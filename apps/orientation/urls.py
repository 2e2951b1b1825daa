from django.urls import path
from django.views.decorators.cache import never_cache

from . import grid_views, privacy_views, rules_versions_views, rules_views, views

app_name = "orientation"
urlpatterns = [
    path("accueils/", views.reception_list, name="receptions"),
    path("accueils/nouveau/", views.reception_create, name="reception_create"),
    path("accueils/<int:pk>/", views.reception_detail, name="reception"),
    path("accueils/<int:pk>/corriger/", views.reception_edit, name="reception_edit"),
    path("grille/", grid_views.grid_list, name="grid"),
    path("grille/nouvelle/", grid_views.grid_edit, name="grid_create"),
    path("grille/<int:pk>/", grid_views.grid_edit, name="grid_edit"),
    path("regles/", rules_views.rule_list, name="rules"),
    path("regles/brouillon/", rules_versions_views.draft, name="rules_draft"),
    path("regles/brouillon/publier/", rules_versions_views.publish, name="rules_publish"),
    path("regles/brouillon/abandonner/", rules_versions_views.discard, name="rules_discard"),
    path("regles/brouillon/nouvelle/", rules_views.rule_edit, name="rule_create"),
    path("regles/brouillon/<slug:key>/", rules_views.rule_edit, name="rule_edit"),
    path("regles/brouillon/<slug:key>/desactiver/", rules_views.rule_toggle, name="rule_toggle"),
    path("regles/versions/", rules_versions_views.versions, name="rule_versions"),
    path("regles/versions/<int:number>/restaurer/", rules_versions_views.restore, name="rule_restore"),
    path("donnees-personnelles/effacement/", never_cache(privacy_views.erasure), name="erasure"),
    path("donnees-personnelles/journal/", never_cache(privacy_views.access_log), name="access_log"),
    path("fiches/", never_cache(views.inbox), name="inbox"),
    path("fiches/nouvelle/", never_cache(views.referral_create), name="referral_create"),
    path("fiches/<int:pk>/", never_cache(views.referral_detail), name="referral"),
    path("fiches/<int:pk>/coordonnees/", never_cache(views.referral_contact), name="referral_contact"),
    path("fiches/<int:pk>/annuler/", never_cache(views.referral_cancel), name="referral_cancel"),
    path(
        "fiches/<int:pk>/rendez-vous.ics", never_cache(views.referral_appointment_ics), name="referral_appointment_ics"
    ),
    path("fiches/<int:pk>/<slug:action>/", never_cache(views.referral_transition), name="referral_transition"),
]
