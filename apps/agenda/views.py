"""The public agenda: list by territory and month, event page, iCal; the coordinators' and Région's entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from apps.core.bounds import page_number
from apps.network.selectors import coordinated_territory_ids

from . import ics, selectors, services
from .forms import AgendaFilterForm, PublicEventForm
from .models import PublicEvent
from .perms import editable_territories

PAGE_SIZE = 20
FEED_LIMIT = 500
MANAGE_REFUSED = "La saisie de l'agenda est réservée aux coordinateur·rices, à l'équipe d'appui et à la Région."


def _filters(request):
    form = AgendaFilterForm(request.GET or None, months=selectors.upcoming_months())
    return form, form.filters()


def agenda(request):
    form, filters = _filters(request)
    events = selectors.upcoming_events(**filters)
    page = Paginator(events, PAGE_SIZE).get_page(page_number(request.GET.get("page"), PAGE_SIZE))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "can_manage": request.user.has_perm("agenda.manage_events"),
    }
    return render(request, "agenda/agenda.html", context)


def agenda_feed(request):
    """The filtered list as one .ics file (the filters of the page: territory, month, type)."""
    _, filters = _filters(request)
    events = selectors.upcoming_events(**filters)[:FEED_LIMIT]
    response = HttpResponse(ics.feed_ics(events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agenda-spro.ics"'
    return response


def _event_or_404(pk):
    event = selectors.event(pk)
    if event is None:
        raise Http404("Cet événement n'existe pas ou a été supprimé.")
    return event


def event_detail(request, pk):
    event = _event_or_404(pk)
    context = {"event": event, "can_change": request.user.has_perm("agenda.change_event", event)}
    return render(request, "agenda/event.html", context)


def event_ics(request, pk):
    event = _event_or_404(pk)
    response = HttpResponse(ics.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


def _require(request, perm, obj=None, message=MANAGE_REFUSED):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)


@login_required
def manage(request):
    _require(request, "agenda.manage_events")
    events = selectors.events_managed_by(request.user, coordinated_territory_ids(request.user))
    page = Paginator(events, PAGE_SIZE).get_page(page_number(request.GET.get("page"), PAGE_SIZE))
    return render(request, "agenda/manage.html", {"page": page})


@login_required
def event_edit(request, pk=None):
    if pk is None:
        _require(request, "agenda.manage_events")
        event = PublicEvent()
    else:
        event = get_object_or_404(PublicEvent, pk=pk)
        _require(request, "agenda.change_event", event, services.REFUSED)
    territories = editable_territories(request.user)
    form = PublicEventForm(request.POST or None, instance=event, territories=territories)
    if request.method == "POST" and form.is_valid():
        event = services.save_event(form, by=request.user)
        messages.success(request, f"L'événement « {event.title} » est enregistré et publié dans l'agenda.")
        return redirect(event)
    context = {
        "form": form,
        "title": f"Modifier l'événement {event.title}" if pk else "Nouvel événement public",
        "back_url": event.get_absolute_url() if pk else reverse("agenda:manage"),
    }
    return render(request, "agenda/event_form.html", context)


@login_required
def event_delete(request, pk):
    event = get_object_or_404(PublicEvent, pk=pk)
    _require(request, "agenda.change_event", event, services.REFUSED)
    if request.method == "POST":
        title = event.title
        services.delete_event(event, by=request.user)
        messages.success(request, f"L'événement « {title} » est supprimé de l'agenda.")
        return redirect("agenda:manage")
    return render(request, "agenda/event_delete.html", {"event": event})
