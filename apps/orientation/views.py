"""Pages of the professionals: first-reception log, fiches navettes and their inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.directory.models import Structure

from . import services
from .forms import CloseForm, DeclineForm, ReceptionForm, ReferralForm
from .models import Reception, Referral
from .routing import Situation, maturity_from_grid, orient
from .selectors import BOXES, box_counts, receptions_of, visible_referrals
from .selectors import inbox as inbox_query

AGE_OF_BAND = {"under_16": 15, "16_25": 20, "26_44": 35, "45_plus": 50}


def _my_structures(user):
    structures = Structure.objects.filter(memberships__user=user).order_by("name")
    if not structures:
        raise PermissionDenied("Votre compte n'est rattaché à aucune structure : demandez à être rattaché·e.")
    return structures


@login_required
def reception_create(request):
    structures = _my_structures(request.user)
    form = ReceptionForm(request.POST or None, structures=structures)
    if request.method == "POST" and form.is_valid():
        reception = services.record_reception(
            structure=form.cleaned_data["structure"],
            user=request.user,
            data=form.reception_data(),
            themes=form.cleaned_data["themes"],
            commune=form.cleaned_data.get("commune_text"),
        )
        if "referred" in reception.actions:
            messages.success(
                request, "Premier accueil enregistré. Choisissez maintenant la structure à qui adresser la personne."
            )
            return redirect(f"{reverse('orientation:referral_create')}?accueil={reception.pk}")
        messages.success(request, "Premier accueil enregistré. Merci !")
        return redirect("orientation:reception_create")
    return render(request, "orientation/reception_form.html", {"form": form})


@login_required
def reception_list(request):
    qs = receptions_of(_my_structures(request.user))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "orientation/reception_list.html", {"page": page})


@login_required
def referral_create(request):
    structures = _my_structures(request.user)
    reception = _own_reception(request, structures)
    redirected_from = _redirect_source(request)
    initial = {"receiver": request.GET.get("vers")} if request.GET.get("vers") else {}
    form = ReferralForm(request.POST or None, initial=initial, sender_ids=[s.pk for s in structures])
    if request.method == "POST" and form.is_valid():
        referral = _send(request, form, structures, reception, redirected_from)
        messages.success(request, f"Fiche navette n° {referral.pk} envoyée à {referral.receiver_structure.name}.")
        return redirect(referral)
    doors = orient(_situation(reception)).doors if reception else []
    context = {"form": form, "reception": reception, "doors": doors, "redirected_from": redirected_from}
    return render(request, "orientation/referral_form.html", context)


def _own_reception(request, structures) -> Reception | None:
    pk = request.GET.get("accueil") or request.POST.get("accueil")
    if not pk:
        return None
    return get_object_or_404(Reception.objects.select_related("commune", "status"), pk=pk, structure__in=structures)


def _redirect_source(request) -> Referral | None:
    pk = request.GET.get("reorienter") or request.POST.get("reorienter")
    if not pk:
        return None
    referral = get_object_or_404(visible_referrals(request.user), pk=pk)
    if services.acting_structure(request.user, referral, "sender") is None:
        raise PermissionDenied("Seule la structure d'origine peut réorienter la personne.")
    return referral


def _situation(reception: Reception) -> Situation:
    theme = reception.themes.first()
    return Situation(
        age=AGE_OF_BAND.get(reception.age_band),
        status=reception.status.code if reception.status else "",
        theme=theme.code if theme else "",
        commune=reception.commune,
        maturity=maturity_from_grid(reception.grid_answers),
    )


def _send(request, form, structures, reception, redirected_from) -> Referral:
    data = form.cleaned_data
    contact = None
    if data["contact_consent"]:
        contact = services.ContactInput(
            data["first_name"], data["phone"], data["email"], data["preferred_channel"], consent=True
        )
    source = reception or redirected_from
    return services.send_referral(
        receiver=data["receiver"],
        sender_structure=reception.structure if reception else structures[0],
        sender_user=request.user,
        transmission_consent=data["transmission_consent"],
        contact=contact,
        reception=reception,
        redirected_from=redirected_from,
        service=data.get("service"),
        need=data["need"],
        age_band=source.age_band if source else "unknown",
        status=source.status if source else None,
        theme=(reception.themes.first() if reception else getattr(redirected_from, "theme", None)),
        commune=source.commune if source else None,
    )


@login_required
def inbox(request):
    box = request.GET.get("boite", "a-traiter")
    box = box if box in BOXES else "a-traiter"
    page = Paginator(inbox_query(request.user, box), 30).get_page(request.GET.get("page"))
    context = {"page": page, "box": box, "boxes": BOXES, "counts": box_counts(request.user)}
    return render(request, "orientation/inbox.html", context)


def _visible_referral(request, pk) -> Referral:
    referral = get_object_or_404(
        Referral.objects.select_related("sender_structure", "receiver_structure", "service", "status", "theme"), pk=pk
    )
    if not visible_referrals(request.user).filter(pk=pk).exists():
        raise PermissionDenied("Cette fiche navette concerne d'autres structures que la vôtre.")
    return referral


@login_required
def referral_detail(request, pk, contact=None):
    referral = _visible_referral(request, pk)
    services.mark_received(referral, request.user)
    is_receiver = services.acting_structure(request.user, referral, "receiver") is not None
    is_sender = services.acting_structure(request.user, referral, "sender") is not None
    actions = [
        (name, t)
        for name, t in services.TRANSITIONS.items()
        if referral.state in t.sources and (is_receiver if t.side == "receiver" else is_sender)
    ]
    context = {
        "referral": referral,
        "events": referral.events.select_related("actor", "actor_structure"),
        "actions": actions,
        "has_contact": hasattr(referral, "contact"),
        "contact": contact,
        "is_sender": is_sender,
        "decline_form": DeclineForm(),
        "close_form": CloseForm(),
    }
    return render(request, "orientation/referral_detail.html", context)


@login_required
@require_POST
def referral_contact(request, pk):
    """Show the person's contact details: a deliberate action, logged."""
    referral = _visible_referral(request, pk)
    contact = services.read_contact(referral, request.user)
    return referral_detail(request, pk, contact=contact) if contact else redirect(referral)


@login_required
@require_POST
def referral_transition(request, pk, action):
    _visible_referral(request, pk)
    form = {"decline": DeclineForm, "close": CloseForm}.get(action)
    details = {}
    if form is not None:
        bound = form(request.POST)
        if not bound.is_valid():
            messages.error(request, " ".join(e for errors in bound.errors.values() for e in errors))
            return redirect("orientation:referral", pk)
        details = {"reason": bound.cleaned_data.get("reason", ""), "outcome": bound.cleaned_data.get("outcome", "")}
        details["note"] = bound.cleaned_data.get("note", "")
    try:
        referral = services.apply_transition(pk, action, request.user, **details)
    except services.TransitionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orientation:referral", pk)
    messages.success(request, f"Fiche navette n° {pk} : {referral.get_state_display().lower()}.")
    return redirect(referral)
