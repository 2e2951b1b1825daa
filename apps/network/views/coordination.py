"""Pages of the coordination teams, the candidate structures of a territory and the COTECH SPRO."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from apps.geo.models import Territory

from .. import coordination, selectors, services
from ..forms.coordination import CandidateActionForm, CandidateForm, NeedAnswerForm, NeedForm, NeedScheduleForm
from ..models import Candidate, Need
from ..models.common import current_school_year, school_year_label
from .common import allowed, form_page, get_allowed, network_crumb

COTECH_REFUSED = "Seule la Région tient l'ordre du jour et les réponses du COTECH SPRO."


def _territory_crumbs(territory):
    return [network_crumb(), (territory.name, reverse("network:territory", args=[territory.code]))]


@login_required
def overview(request):
    """Every territory's coordination team of the school year, its candidates and needs in progress."""
    allowed(request, "network.view_coordination", None, "Cette page est réservée à la Région et aux coordinations.")
    school_year = current_school_year()
    territories = list(selectors.visible_territories(request.user))
    rows = [
        {
            "territory": t,
            "team": list(coordination.team(t, school_year)),
            "candidates": Candidate.objects.filter(territory=t).exclude(status__in=coordination.CLOSED).count(),
            "needs": Need.objects.filter(territory=t).exclude(status=Need.Status.ANSWERED).count(),
        }
        for t in territories
    ]
    context = {"rows": rows, "school_year": school_year_label(school_year)}
    return render(request, "network/coordination/overview.html", context)


@login_required
def candidates(request, code=None):
    """The candidates of a territory (coordinator, Région), or of every territory (Région, support team)."""
    territory = get_object_or_404(Territory, code=code) if code else None
    allowed(request, "network.view_candidates", territory)
    rows = Candidate.objects.select_related("territory", "structure", "decided_at", "amendment")
    rows = rows.filter(territory=territory) if territory else rows.order_by("territory__name", "status", "pk")
    context = {
        "territory": territory,
        "candidates": rows,
        "can_propose": territory is not None and request.user.has_perm("network.act_on_candidates", territory),
        "crumbs": _territory_crumbs(territory) if territory else [network_crumb()],
    }
    return render(request, "network/coordination/candidates.html", context)


@login_required
def candidate_create(request, code):
    territory = get_object_or_404(Territory, code=code)
    allowed(request, "network.act_on_candidates", territory)
    form = CandidateForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = services.propose_candidate(
                territory,
                by=request.user,
                structure=data["structure"],
                proposed_name=data["proposed_name"],
                role=data["role"],
                reason=data["reason"],
            )
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{candidate.name} est proposée au comité.")
            return redirect("network:candidates", territory.code)
    back = reverse("network:candidates", args=[territory.code])
    return form_page(request, form, f"Proposer une structure — {territory.name}", back, _territory_crumbs(territory))


@login_required
def candidate_detail(request, pk):
    queryset = Candidate.objects.select_related("territory", "structure", "decided_at", "amendment")
    candidate = get_allowed(request, "network.view_candidates", queryset, pk=pk)
    can_act = request.user.has_perm("network.act_on_candidates", candidate)
    context = {
        "candidate": candidate,
        "actions": coordination.available_actions(candidate) if can_act else [],
        "history": candidate.history.select_related("history_user").order_by("-history_date"),
        "crumbs": _territory_crumbs(candidate.territory)
        + [("Structures candidates", reverse("network:candidates", args=[candidate.territory.code]))],
    }
    return render(request, "network/coordination/candidate_detail.html", context)


@login_required
def candidate_action(request, pk, action):
    candidate = get_object_or_404(Candidate.objects.select_related("territory", "structure"), pk=pk)
    allowed(request, "network.act_on_candidates", candidate)
    transition = coordination.TRANSITIONS.get(action)
    if transition is None:
        raise Http404("Action inconnue.")
    if request.method != "POST" and candidate.status not in transition.sources:
        messages.error(
            request,
            f"« {transition.label} » n'est pas possible : la candidature est {candidate.get_status_display().lower()}.",
        )
        return redirect(candidate)
    data = request.POST if request.method == "POST" else None  # a bound form even when only a button is sent
    form = CandidateActionForm(data, candidate=candidate, transition=transition, action=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.act_on_candidate(
                candidate,
                action,
                by=request.user,
                meeting=data.get("meeting"),
                structure=data.get("structure"),
                note=data.get("note", ""),
            )
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{candidate.name} : « {transition.label} » enregistré.")
            return redirect(candidate)
    title = f"{transition.label} — {candidate.name}"
    return form_page(request, form, title, candidate.get_absolute_url(), _territory_crumbs(candidate.territory))


@login_required
def cotech(request):
    committee = services.cotech_committee()
    allowed(request, "network.view_meeting", committee)
    needs = Need.objects.select_related("territory", "meeting").order_by("status", "-raised_on")
    context = {
        "committee": committee,
        "members": committee.members.select_related("structure"),
        "meetings": committee.meetings.prefetch_related("decisions").order_by("-starts_at"),
        "needs": needs,
        "can_change": request.user.has_perm("network.manage_cotech"),
        "crumbs": [network_crumb()],
    }
    return render(request, "network/coordination/cotech.html", context)


@login_required
def needs(request, code):
    territory = get_object_or_404(Territory, code=code)
    allowed(request, "network.view_needs", territory)
    context = {
        "territory": territory,
        "needs": Need.objects.filter(territory=territory).select_related("meeting", "raised_by"),
        "can_raise": request.user.has_perm("network.raise_need", territory),
        "crumbs": _territory_crumbs(territory),
    }
    return render(request, "network/coordination/needs.html", context)


@login_required
def need_create(request, code):
    territory = get_object_or_404(Territory, code=code)
    allowed(request, "network.raise_need", territory)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.raise_need(territory, form.cleaned_data["theme"], form.cleaned_data["text"], by=request.user)
        messages.success(request, "Le besoin est transmis au COTECH SPRO.")
        return redirect("network:needs", territory.code)
    back = reverse("network:needs", args=[territory.code])
    title = f"Faire remonter un besoin au COTECH SPRO — {territory.name}"
    return form_page(request, form, title, back, _territory_crumbs(territory))


@login_required
def need_schedule(request, pk):
    allowed(request, "network.manage_cotech", None, COTECH_REFUSED)
    need = get_object_or_404(Need.objects.select_related("territory"), pk=pk)
    form = NeedScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_need(need, form.cleaned_data["meeting"], by=request.user)
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Le besoin est inscrit à l'ordre du jour.")
            return redirect("network:cotech")
    title = f"Inscrire à l'ordre du jour du COTECH — besoin de {need.territory.name}"
    return form_page(request, form, title, reverse("network:cotech"), [network_crumb()], intro=need.text)


@login_required
def need_answer(request, pk):
    allowed(request, "network.manage_cotech", None, COTECH_REFUSED)
    need = get_object_or_404(Need.objects.select_related("territory"), pk=pk)
    form = NeedAnswerForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        services.answer_need(need, form.cleaned_data["answer"], by=request.user)
        messages.success(request, f"La réponse au territoire {need.territory.name} est enregistrée.")
        return redirect("network:cotech")
    title = f"Répondre au besoin de {need.territory.name}"
    return form_page(request, form, title, reverse("network:cotech"), [network_crumb()], intro=need.text)
