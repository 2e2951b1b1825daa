"""The professionals' calendar, the session page, iCal, and the programme (axes → actions)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .. import ics, selectors
from ..forms import CalendarFilterForm, RegistrationForm, month_label
from ..models import SupportAction
from ..services import waitlist_position
from .common import get_session

FEED_LIMIT = 500


def calendar(request):
    past = request.GET.get("passees") == "on"
    form = CalendarFilterForm(request.GET or None, months=selectors.calendar_months(past=past))
    filters = form.filters() if request.GET else {}
    can_manage = request.user.has_perm("programme.manage_programme")
    sessions = selectors.calendar_sessions(**filters, include_drafts=can_manage)
    feed_query = request.GET.copy()
    feed_query.pop("passees", None)
    context = {
        "form": form,
        "sessions": sessions,
        "past": past,
        "month": month_label(filters["month"]) if filters.get("month") else "",
        "feed_query": feed_query.urlencode(),
        "can_manage": can_manage,
    }
    return render(request, "programme/calendar.html", context)


def calendar_feed(request):
    """The iCal feed of the calendar, with the same filters; subscribe to it in any calendar software."""
    form = CalendarFilterForm(request.GET or None, months=selectors.calendar_months())
    filters = form.filters() if request.GET else {}
    filters.pop("past", None)
    sessions = selectors.calendar_sessions(**filters)[:FEED_LIMIT]
    response = HttpResponse(ics.feed_ics(sessions), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="programme-appui-spro.ics"'
    return response


def session_detail(request, pk):
    session = get_session(pk)
    can_manage = request.user.has_perm("programme.manage_session", session)
    if session.status == session.Status.DRAFT and not can_manage:
        return render(request, "404.html", status=404)
    registration = selectors.registration_of(session, request.user)
    active = registration if registration and registration.status != registration.Status.CANCELLED else None
    can_register = request.user.has_perm("programme.register") and session.is_open_for_registration and not active
    context = {
        "session": session,
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
        "counts": selectors.session_counts(session),
        "registration": active,
        "waitlist_position": waitlist_position(active) if active else None,
        "form": RegistrationForm(user=request.user, session=session) if can_register else None,
        "can_manage": can_manage,
        "sees_online_url": selectors.sees_online_url(session, request.user),
        "structures": selectors.registered_structures(session) if request.user.is_authenticated else [],
        "survey_pending": bool(active and active.survey_token and not active.survey_answered),
    }
    return render(request, "programme/session_detail.html", context)


def session_ics(request, pk):
    session = get_session(pk)
    if session.status == session.Status.DRAFT and not request.user.has_perm("programme.manage_session", session):
        return render(request, "404.html", status=404)
    personal = selectors.sees_online_url(session, request.user)
    response = HttpResponse(ics.session_ics(session, personal), content_type="text/calendar; charset=utf-8")
    if personal:  # the connection link is for this person only: no shared cache keeps it
        patch_cache_control(response, private=True, no_store=True)
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


def programme(request):
    axes = selectors.programme_axes().order_by("-period", "number")  # the current programme first
    periods = sorted({axis.period for axis in axes}, reverse=True)
    return render(request, "programme/programme.html", {"axes": axes, "periods": periods})


def action_detail(request, pk):
    action = get_object_or_404(SupportAction.objects.select_related("axis"), pk=pk)
    sessions = action.sessions.exclude(status="draft").select_related("territory").order_by("starts_at")
    return render(request, "programme/action_detail.html", {"action": action, "sessions": sessions})


@login_required
def my_registrations(request):
    registrations = selectors.registrations_of_user(request.user)
    now = timezone.now()
    context = {
        "upcoming": [r for r in registrations if r.session.ends_at >= now],
        "past": [r for r in registrations if r.session.ends_at < now],
    }
    return render(request, "programme/my_registrations.html", context)
