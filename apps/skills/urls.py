from django.urls import path

from . import views

app_name = "skills"
urlpatterns = [
    path("", views.home, name="home"),
    path("ma-fiche/", views.profile, name="profile"),
    path("mise-en-relation/", views.pairing, name="pairing"),
    # The talent tree
    path("arbre/<slug:code>/", views.tree, name="tree"),
    path("arbre/<slug:code>/historique/", views.history, name="history"),
    path("arbre/<slug:code>/versions/<int:version>/", views.tree_version, name="tree_version"),
    path("competences/<int:pk>/", views.skill_detail, name="skill"),
    path("competences/<int:pk>/recommandation/", views.endorsement_ask, name="endorsement_ask"),
    path("preuves/<int:pk>/fichier/", views.evidence_file, name="evidence_file"),
    path("preuves/<int:pk>/supprimer/", views.evidence_delete, name="evidence_delete"),
    path("recommandation/<str:token>/", views.endorse, name="endorse"),
    # Frameworks
    path("referentiels/", views.frameworks, name="frameworks"),
    path("referentiels/nouveau/", views.framework_edit, name="framework_create"),
    path("referentiels/<slug:code>/v<int:version>/", views.framework_detail, name="framework"),
    path("referentiels/<slug:code>/nouvelle-version/", views.framework_edit, name="framework_edit"),
    # The network's view
    path("reseau/<slug:code>/", views.network, name="network"),
    path("reseau/competences/<int:pk>/session/", views.session_from_skill, name="session_from_skill"),
    # Qui fait quoi
    path("qui-fait-quoi/", views.directory, name="directory"),
    path("guides/<slug:code>/", views.guide, name="guide"),
    path("guides/<slug:code>/guide.pdf", views.guide_pdf, name="guide_pdf"),
    path("guides/<slug:code>/guide.csv", views.guide_csv, name="guide_csv"),
]
