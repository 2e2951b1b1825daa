from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("suivi/merci/", views.follow_up_done, name="follow_up_done"),
    path("suivi/<str:token>/", views.follow_up, name="follow_up"),
    path("avis/page/", views.page_vote, name="page_vote"),
    path("avis/page/commentaire/", views.page_comment, name="page_comment"),
    path("donner-son-avis/<str:token>/", views.consultation_public, name="consultation_public"),
    path("donner-son-avis/<str:token>/merci/", views.consultation_thanks, name="consultation_thanks"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/nouvelle/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/etat/", views.consultation_status, name="consultation_status"),
    path("consultations/<int:pk>/saisie/", views.consultation_paper, name="consultation_paper"),
    path(
        "consultations/<int:pk>/questions/<int:question_pk>/supprimer/",
        views.question_delete,
        name="question_delete",
    ),
]
