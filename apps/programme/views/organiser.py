"""The organisers' pages: create and edit sessions, participants and exports, attendance, survey sending."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from apps.core.bounds import small_int, year_in_range

from .. import exports, selectors, services
from ..forms import SessionForm
from ..models import Session, SupportAction
from ..services import default_survey_for
from .common import managed_session, require_programme_manager, session_with_participants


@login_required
def session_create(request):
    require_programme_manager(request)
    initial = {
        "day": timezone.localdate() + timezone.timedelta(days=14),
        "capacity": 30,
        "survey": default_survey_for(Session.Kind.FORUM),  # the regional forum questionnaire, proposed by default
    }
    if action_pk := small_int(request.GET.get("action")):
        action = SupportAction.objects.filter(pk=action_pk).first()
        if action:
            initial.update(action=action, audience=action.audience, speaker=action.speaker, host=action.host)
    if kind := request.GET.get("type"):
        initial["kind"] = kind
        initial["survey"] = default_survey_for(kind)
    form = SessionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        if session.kind == Session.Kind.FORUM and session.survey_id is None and "survey" not in request.POST:
            session.survey = default_survey_for(session.kind)
        services.save_session(session, request.user)
        messages.success(request, f"La session « {session.title} » est créée.")
        return redirect(session)
    return render(request, "programme/session_form.html", {"form": form, "title": "Nouvelle session"})


@login_required
def session_edit(request, pk):
    session = managed_session(request, pk)
    if session.status == Session.Status.CANCELLED:
        messages.error(request, "Cette session est annulée : elle ne peut plus être modifiée.")
        return redirect(session)
    form = SessionForm(request.POST if request.method == "POST" else None, instance=session)
    if request.method == "POST" and form.is_valid():
        promoted = services.save_session(form.save(commit=False), request.user)
        message = f"La session « {session.title} » est enregistrée."
        if promoted:
            message += f" {len(promoted)} personne(s) de la liste d'attente ont obtenu une place et ont été prévenues."
        messages.success(request, message)
        return redirect(session)
    context = {"form": form, "title": f"Modifier la session « {session.title} »", "session": session}
    return render(request, "programme/session_form.html", context)


@login_required
def session_cancel(request, pk):
    session = managed_session(request, pk)
    if request.method != "POST":
        return render(request, "programme/session_cancel.html", {"session": session})
    told = services.cancel_session(session)
    messages.success(request, f"La session est annulée ; {told} personne(s) inscrite(s) ont été prévenue(s).")
    return redirect(session)


@login_required
def participants(request, pk):
    session = session_with_participants(request, pk)
    context = {
        "session": session,
        "registrations": selectors.participants(session),
        "counts": selectors.session_counts(session),
        "starts_at": timezone.localtime(session.starts_at),
    }
    return render(request, "programme/participants.html", context)


@login_required
def participants_export(request, pk, fmt):
    session = session_with_participants(request, pk)
    filename = f"inscrits-session-{session.pk}"
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(exports.participants_xlsx(session), content_type=content_type)
    else:
        response = HttpResponse(exports.participants_csv(session), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
def attendance(request, pk):
    """On-screen ticks: the confirmed participants, each with a "present" checkbox."""
    session = session_with_participants(request, pk)
    confirmed = selectors.confirmed_participants(session)
    if request.method == "POST":
        valid_ids = {r.pk for r in confirmed}
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit() and int(v) in valid_ids}
        count = services.record_attendance(session, present)
        messages.success(request, f"Présences enregistrées : {count} présent·e(s) sur {len(valid_ids)}.")
        return redirect("programme:attendance", session.pk)
    context = {"session": session, "registrations": confirmed, "starts_at": timezone.localtime(session.starts_at)}
    return render(request, "programme/attendance.html", context)


@login_required
def sign_in_sheet(request, pk):
    session = session_with_participants(request, pk)
    response = HttpResponse(exports.sign_in_sheet_pdf(session), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="emargement-session-{session.pk}.pdf"'
    return response


@login_required
@require_POST
def survey_send(request, pk):
    session = managed_session(request, pk)
    if session.survey_id is None:
        messages.error(request, "Cette session n'a pas de questionnaire : choisissez-en un en modifiant la session.")
        return redirect("programme:participants", session.pk)
    count = services.send_survey(session)
    if count:
        messages.success(request, f"Le lien du questionnaire a été envoyé à {count} participant·e(s).")
    else:
        messages.info(request, "Tous les participant·es ont déjà reçu le lien du questionnaire.")
    return redirect("programme:participants", session.pk)


@login_required
def interconnaissance(request):
    """The interconnaissance figures per territory for a year (support team and Region)."""
    require_programme_manager(request)
    years = selectors.attendance_years() or [timezone.localdate().year]
    year = year_in_range(request.GET.get("annee")) or years[0]
    rows = selectors.interconnaissance_by_territory(year)
    return render(request, "programme/interconnaissance.html", {"rows": rows, "year": year, "years": years})
