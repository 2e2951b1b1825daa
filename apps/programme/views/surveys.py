"""Surveys: anonymous answering through a one-time link, results, and the questionnaire editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .. import survey_services
from ..models import Session, Survey
from ..survey_forms import QuestionFormSet, SurveyAnswerForm, SurveyForm, question_initial
from .common import require_programme_manager, session_with_participants


@never_cache
def survey_answer(request, token):
    """No login: the one-time token is the key, and nothing about the person is stored with the answers."""
    registration = survey_services.registration_for_token(token)
    if registration is None:
        return render(request, "programme/survey_done.html", {"invalid": True}, status=404)
    session = registration.session
    if registration.survey_answered:
        return render(request, "programme/survey_done.html", {"session": session, "already": True})
    form = SurveyAnswerForm(request.POST if request.method == "POST" else None, survey=session.survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.submit_response(token, form.answers())
        except survey_services.SurveyError:
            return render(request, "programme/survey_done.html", {"session": session, "already": True})
        return render(request, "programme/survey_done.html", {"session": session})
    context = {"form": form, "session": session, "survey": session.survey, "starts_at": session.starts_at}
    return render(request, "programme/survey_answer.html", context)


@login_required
def session_results(request, pk):
    session = session_with_participants(request, pk)
    if session.survey is None:
        messages.info(request, "Cette session n'a pas de questionnaire.")
        return redirect(session)
    results = survey_services.survey_results(session.survey, [session])
    invited = session.registrations.filter(survey_token__isnull=False).count()
    context = {
        "session": session,
        "results": results,
        "invited": invited,
        "starts_at": timezone.localtime(session.starts_at),
    }
    return render(request, "programme/session_results.html", context)


@login_required
def survey_list(request):
    require_programme_manager(request)
    surveys = Survey.objects.annotate(
        session_count=Count("sessions", distinct=True), response_count=Count("responses", distinct=True)
    )
    return render(request, "programme/survey_list.html", {"surveys": surveys})


@login_required
def survey_results(request, pk):
    """Results aggregated across every session that used the questionnaire, and a comparison per session."""
    require_programme_manager(request)
    survey = get_object_or_404(Survey, pk=pk)
    sessions = Session.objects.filter(survey=survey)
    results = survey_services.survey_results(survey, sessions)
    rows, scale_questions = survey_services.results_by_session(survey)
    context = {
        "survey": survey,
        "results": results,
        "rows": rows,
        "scale_questions": scale_questions,
        "mean_chart": survey_services.mean_chart(rows),
    }
    return render(request, "programme/survey_results.html", context)


@login_required
def survey_edit(request, pk=None):
    require_programme_manager(request)
    survey = get_object_or_404(Survey, pk=pk) if pk else Survey()
    if survey.pk and survey.responses.exists():
        messages.error(request, "Ce questionnaire a déjà des réponses : ses questions ne peuvent plus être modifiées.")
        return redirect("programme:survey_results", survey.pk)
    form = SurveyForm(request.POST if request.method == "POST" else None, instance=survey)
    formset = QuestionFormSet(
        request.POST if request.method == "POST" else None, initial=question_initial(survey) if survey.pk else None
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        questions = [data for f in formset if (data := f.question_data())]
        if not questions:
            messages.error(request, "Ajoutez au moins une question.")
        else:
            try:
                survey = survey_services.save_survey(form.save(commit=False), questions)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("programme:surveys")
            messages.success(request, f"Le questionnaire « {survey.title} » est enregistré.")
            return redirect("programme:surveys")
    title = f"Modifier le questionnaire « {survey.title} »" if survey.pk else "Nouveau questionnaire"
    return render(request, "programme/survey_form.html", {"form": form, "formset": formset, "title": title})
