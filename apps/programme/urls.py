from django.urls import path

from .views import calendar, organiser, registrations, surveys

app_name = "programme"
urlpatterns = [
    # The calendar for professionals, the session page and iCal
    path("", calendar.calendar, name="calendar"),
    path("calendrier.ics", calendar.calendar_feed, name="calendar_feed"),
    path("programme/", calendar.programme, name="programme"),
    path("actions/<int:pk>/", calendar.action_detail, name="action"),
    path("sessions/<int:pk>/", calendar.session_detail, name="session"),
    path("sessions/<int:pk>/session.ics", calendar.session_ics, name="session_ics"),
    path("mes-inscriptions/", calendar.my_registrations, name="my_registrations"),
    # Registrations by members
    path("sessions/<int:pk>/inscription/", registrations.register, name="register"),
    path("sessions/<int:pk>/desinscription/", registrations.cancel, name="cancel"),
    # Organisers
    path("sessions/nouvelle/", organiser.session_create, name="session_create"),
    path("sessions/<int:pk>/modifier/", organiser.session_edit, name="session_edit"),
    path("sessions/<int:pk>/annuler/", organiser.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/inscrits/", organiser.participants, name="participants"),
    path("sessions/<int:pk>/inscrits.csv", organiser.participants_export, {"fmt": "csv"}, name="participants_csv"),
    path("sessions/<int:pk>/inscrits.xlsx", organiser.participants_export, {"fmt": "xlsx"}, name="participants_xlsx"),
    path("sessions/<int:pk>/emargement/", organiser.attendance, name="attendance"),
    path("sessions/<int:pk>/emargement.pdf", organiser.sign_in_sheet, name="sign_in_sheet"),
    path("sessions/<int:pk>/questionnaire/envoyer/", organiser.survey_send, name="survey_send"),
    path("interconnaissance/", organiser.interconnaissance, name="interconnaissance"),
    # Surveys
    path("sessions/<int:pk>/resultats/", surveys.session_results, name="session_results"),
    path("avis/<str:token>/", surveys.survey_answer, name="survey_answer"),
    path("questionnaires/", surveys.survey_list, name="surveys"),
    path("questionnaires/nouveau/", surveys.survey_edit, name="survey_create"),
    path("questionnaires/<int:pk>/", surveys.survey_edit, name="survey_edit"),
    path("questionnaires/<int:pk>/resultats/", surveys.survey_results, name="survey_results"),
]
