"""Pages of the professionals: first-reception log, fiches navettes and their inbox."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core.bounds import small_int
from apps.directory.models import Service, Structure
from apps.feedback import follow_up
from apps.feedback.models import FollowUp

from . import personal_data, services
from .forms import AppointmentForm, CancelForm, CloseForm, DeclineForm, ReceptionForm, ReferralForm
from .ics import appointment_ics
from .models import Reception, Referral
from .selectors import BOXES, box_counts, default_box, receptions_of, suggestions_for, visible_referrals
from .selectors import inbox as inbox_query


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


def _reception_of_mine(request, pk) -> Reception:
    """A reception of one of the user's structures; any other answers 404."""
    return get_object_or_404(receptions_of(_my_structures(request.user)), pk=pk)


@login_required
def reception_detail(request, pk):
    reception = _reception_of_mine(request, pk)
    context = {
        "reception": reception,
        "referrals": reception.referrals.select_related("receiver_structure").order_by("sent_at"),
        "actions": [label for key, label in Reception.ACTIONS.items() if key in reception.actions],
        "help_label": Service.CEP_LEVEL_PLAIN.get(reception.cep_level, ""),
        "can_edit": services.can_edit_reception(reception, request.user),
        "edit_until": reception.created_at + services.RECEPTION_EDIT_WINDOW,
    }
    return render(request, "orientation/reception_detail.html", context)


@login_required
def reception_edit(request, pk):
    """Its author may correct a reception for 24 hours; after that, or for anyone else, it is read-only."""
    reception = _reception_of_mine(request, pk)
    if not services.can_edit_reception(reception, request.user):
        raise PermissionDenied("Un premier accueil ne peut être corrigé que par son auteur, dans les 24 heures.")
    structures = Structure.objects.filter(pk=reception.structure_id)
    form = ReceptionForm(request.POST or None, instance=reception, structures=structures)
    if request.method == "POST" and form.is_valid():
        services.correct_reception(
            reception,
            request.user,
            data=form.reception_data(),
            themes=form.cleaned_data["themes"],
            commune=form.cleaned_data.get("commune_text"),
        )
        messages.success(request, "Premier accueil corrigé.")
        return redirect("orientation:reception", reception.pk)
    return render(request, "orientation/reception_form.html", {"form": form, "reception": reception})


@login_required
def referral_create(request):
    structures = _my_structures(request.user)
    reception = _own_reception(request, structures)
    redirected_from = _redirect_source(request)
    initial = {"receiver": small_int(request.GET.get("vers"))} if small_int(request.GET.get("vers")) else {}
    if reception is not None and follow_up.grid_consent(reception):  # the yes given to the grid's question
        initial["follow_up_consent"] = True
    form = ReferralForm(request.POST or None, initial=initial, sender_ids=[s.pk for s in structures])
    if request.method == "POST" and form.is_valid():
        referral = _send(request, form, structures, reception, redirected_from)
        messages.success(request, f"Fiche navette n° {referral.pk} envoyée à {referral.receiver_structure.name}.")
        return redirect(referral)
    context = {"form": form, "reception": reception, "redirected_from": redirected_from}
    context |= _suggestions(structures, reception, redirected_from)
    return render(request, "orientation/referral_form.html", context)


def _suggestions(structures, reception, redirected_from) -> dict:
    found = suggestions_for([s.pk for s in structures], reception, redirected_from)
    if found is None:
        return {"doors": []}
    query = {"accueil": reception.pk} if reception else {"reorienter": redirected_from.pk}
    return {"doors": found.doors, "origin": found.origin, "choose_query": urlencode(query)}


def _own_reception(request, structures) -> Reception | None:
    pk = request.GET.get("accueil") or request.POST.get("accueil")
    if not pk:
        return None
    receptions = Reception.objects.select_related("commune", "status", "place__commune")
    return get_object_or_404(receptions, pk=small_int(pk) or 0, structure__in=structures)  # "abc": 404


def _redirect_source(request) -> Referral | None:
    pk = request.GET.get("reorienter") or request.POST.get("reorienter")
    if not pk:
        return None
    referral = get_object_or_404(visible_referrals(request.user), pk=small_int(pk) or 0)  # "abc": 404
    if services.acting_structure(request.user, referral, "sender") is None:
        raise PermissionDenied("Seule la structure d'origine peut réorienter la personne.")
    return referral


def _send(request, form, structures, reception, redirected_from) -> Referral:
    data = form.cleaned_data
    contact = None
    if data["contact_consent"]:
        contact = services.ContactInput(
            data["first_name"], data["phone"], data["email"], data["preferred_channel"], consent=True
        )
    source = reception or redirected_from
    referral = services.send_referral(
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
        themes=list(source.themes.all()) if source else [],
        commune=source.commune if source else None,
    )
    if data["follow_up_consent"]:
        from_grid = follow_up.grid_consent(reception)
        follow_up.record_consent(referral, FollowUp.Source.RECEPTION if from_grid else FollowUp.Source.REFERRAL)
    return referral


@login_required
def inbox(request):
    counts = box_counts(request.user)
    box = request.GET.get("boite")
    box = box if box in BOXES else default_box(counts)
    page = Paginator(inbox_query(request.user, box), 30).get_page(request.GET.get("page"))
    context = {"page": page, "box": box, "boxes": BOXES, "counts": counts}
    return render(request, "orientation/inbox.html", context)


def _visible_referral(request, pk) -> Referral:
    """A fiche one may not see is a 404, like one that does not exist: ids tell nothing (review L8)."""
    related = ("sender_structure", "receiver_structure", "service", "status", "theme")
    return get_object_or_404(visible_referrals(request.user).select_related(*related), pk=pk)


@login_required
def referral_detail(request, pk, revealed=None):
    referral = _visible_referral(request, pk)
    services.mark_received(referral, request.user)
    is_receiver = services.acting_structure(request.user, referral, "receiver") is not None
    is_sender = services.acting_structure(request.user, referral, "sender") is not None
    context = {
        "referral": referral,
        "events": referral.events.select_related("actor", "actor_structure"),
        "actions": services.available_actions(request.user, referral),
        "has_contact": hasattr(referral, "contact"),
        "has_free_text": personal_data.has_free_text(referral),
        "revealed": revealed,
        "contact": revealed.contact if revealed else None,
        "is_sender": is_sender,
        "decline_form": DeclineForm(),
        "close_form": CloseForm(),
        "appointment_form": AppointmentForm(),
        "is_receiver": is_receiver,
    }
    return render(request, "orientation/referral_detail.html", context)


@login_required
@require_POST
def referral_contact(request, pk):
    """Show the person's contact details, need and step notes: a deliberate action, logged."""
    referral = _visible_referral(request, pk)
    revealed = personal_data.reveal(referral, request.user)
    if revealed.contact is None and not (revealed.need or revealed.notes):
        return redirect(referral)  # nothing about the person any more (erased meanwhile)
    return referral_detail(request, pk, revealed=revealed)


@login_required
@require_POST
def referral_transition(request, pk, action):
    _visible_referral(request, pk)
    form = {"decline": DeclineForm, "close": CloseForm, "cancel": CancelForm, "schedule": AppointmentForm}.get(action)
    details = {}
    if form is not None:
        bound = form(request.POST)
        if not bound.is_valid():
            messages.error(request, " ".join(e for errors in bound.errors.values() for e in errors))
            return redirect("orientation:referral", pk)
        details = {"reason": bound.cleaned_data.get("reason", ""), "outcome": bound.cleaned_data.get("outcome", "")}
        details["note"] = bound.cleaned_data.get("note", "")
        if action == "schedule":
            details["appointment_at"] = bound.appointment_at()
    try:
        referral = services.apply_transition(pk, action, request.user, **details)
    except services.TransitionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orientation:referral", pk)
    messages.success(request, f"Fiche navette n° {pk} : {referral.get_state_display().lower()}.")
    return redirect(referral)


@login_required
def referral_cancel(request, pk):
    """Cancelling a sent fiche is a confirmation step with a reason, never a single click."""
    referral = _visible_referral(request, pk)
    if services.acting_structure(request.user, referral, "sender") is None:
        raise PermissionDenied("Seule la structure d'origine peut annuler la fiche navette.")
    if referral.state not in services.TRANSITIONS["cancel"].sources:
        messages.error(
            request, f"Cette fiche navette ne peut plus être annulée : elle est « {referral.get_state_display()} »."
        )
        return redirect(referral)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.apply_transition(pk, "cancel", request.user, note=form.cleaned_data["note"])
        messages.success(request, f"Fiche navette n° {pk} annulée. La structure destinataire est prévenue.")
        return redirect(referral)
    return render(request, "orientation/referral_cancel.html", {"referral": referral, "form": form})


@login_required
def referral_appointment_ics(request, pk):
    """The first appointment as an iCalendar file, for the receiving structure's counsellors."""
    referral = _visible_referral(request, pk)
    if services.acting_structure(request.user, referral, "receiver") is None or referral.appointment_at is None:
        raise Http404("Aucun rendez-vous à télécharger pour cette fiche navette.")
    response = HttpResponse(appointment_ics(referral), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rendez-vous-fiche-{referral.pk}.ics"'
    return response
