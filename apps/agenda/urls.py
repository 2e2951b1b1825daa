from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("agenda.ics", views.agenda_feed, name="feed"),
    path("evenements/<int:pk>/", views.event_detail, name="event"),
    path("evenements/<int:pk>/evenement.ics", views.event_ics, name="event_ics"),
    path("gestion/", views.manage, name="manage"),
    path("gestion/nouveau/", views.event_edit, name="event_create"),
    path("evenements/<int:pk>/modifier/", views.event_edit, name="event_edit"),
    path("evenements/<int:pk>/supprimer/", views.event_delete, name="event_delete"),
]
