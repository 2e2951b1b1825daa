"""The public assistant "Quelle porte pour moi ?" and the call-back request to a structure."""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET, require_http_methods

from apps.core import region_pack
from apps.core.throttle import over_limit
from apps.directory.models import Place, Service, ServiceLocation, ServiceQuerySet
from apps.feedback import follow_up
from apps.feedback.models import FollowUp
from apps.indicators.services import log_assistant_search
from apps.orientation import services as orientation_services
from apps.orientation.models import Referral, ReferralContact
from apps.orientation.routing import FALLBACK_WHY, Door, orient

from .assistant_forms import (
    CALLBACK_AGE_CHOICES,
    NEED_MAX_LENGTH,
    PARENTAL_AGE,
    AssistantForm,
    CallbackForm,
    callback_age_choice,
)

CEP_LEVEL_WORDS = {
    1: "Premier accueil : on vous informe et on vous indique les bons interlocuteurs.",
    2: "Conseil personnalisé : un·e conseiller·ère fait le point avec vous et vous aide à construire votre projet.",
    3: "Accompagnement : un·e conseiller·ère vous aide à mettre en œuvre votre projet (formation, financement…).",
}
CALLBACK_SESSION_KEY = "callback_done"


@dataclass
class PlaceView:
    place: Place
    distance_km: float | None
    access: list[str] = field(default_factory=list)
    callback_url: str = ""


@dataclass
class DoorView:
    door: Door
    cep_words: str
    places: list[PlaceView]


@require_GET
def assistant(request):
    """One page, four questions; once answered (GET, so the result can be shared), the ranked doors."""
    answered = any(name in request.GET for name in ("lieu", "statut", "age", "theme", "handicap"))
    form = AssistantForm(request.GET if answered else None)
    if not answered or "modifier" in request.GET or not form.is_valid():
        return render(request, "public/assistant.html", {"form": form})
    situation = form.situation()
    log_assistant_search(situation.theme, situation.commune)  # an anonymous daily count, for the indicators
    orientation = orient(situation)
    carry = QueryDict(mutable=True)
    carry.update(
        {
            "statut": situation.status,
            "theme": situation.theme,
            "tranche": callback_age_choice(situation.age),
            "commune": situation.commune.code,
        }
    )  # the disability answer is never carried over
    edit = request.GET.copy()
    edit["modifier"] = "1"
    context = {
        "form": form,
        "situation": situation,
        "status_label": dict(form.fields["statut"].choices)[situation.status],
        "theme_label": dict(form.fields["theme"].choices)[situation.theme],
        "doors": _door_views(orientation.doors, carry.urlencode()),
        "remote": orientation.remote,
        "fallback_why": FALLBACK_WHY.format(
            line=region_pack.current().phone_line["name"], phone=settings.SPRO_PHONE_LINE
        ),
        "under_parental_age": situation.age < PARENTAL_AGE,
        "parental_age": PARENTAL_AGE,
        "edit_query": edit.urlencode(),
    }
    return render(request, "public/assistant_result.html", context)


def _door_views(doors: list[Door], carry_query: str) -> list[DoorView]:
    place_ids = [dp.place.pk for door in doors for dp in door.places]
    modes: dict[int, list[str]] = {pk: [] for pk in place_ids}
    for place_id, access_modes in ServiceLocation.objects.filter(
        ServiceQuerySet.public_q("service__"), place_id__in=place_ids
    ).values_list("place_id", "service__access_modes"):
        for mode in access_modes or []:
            if mode not in modes[place_id]:
                modes[place_id].append(mode)
    order = list(Service.ACCESS_MODES)
    views = []
    for door in doors:
        places = [
            PlaceView(
                place=dp.place,
                distance_km=dp.distance_km,
                access=[Service.ACCESS_MODES[m] for m in sorted(modes[dp.place.pk], key=_index_in(order))],
                callback_url=f"{reverse('public:callback', args=[dp.place.pk])}?{carry_query}",
            )
            for dp in door.places
        ]
        views.append(DoorView(door=door, cep_words=CEP_LEVEL_WORDS.get(door.cep_level, ""), places=places))
    return views


def _index_in(order: list[str]):
    return lambda mode: order.index(mode) if mode in order else len(order)


@require_http_methods(["GET", "POST"])
def callback(request, place_id):
    """ "Être rappelé·e par cette structure": creates a referral of origin "callback" with the person's consent."""
    place = get_object_or_404(Place.objects.public().select_related("structure__network", "commune"), pk=place_id)
    structure = place.structure
    consent_label = orientation_services.CONSENT_TEXT.format(structure=structure.name)
    if request.method == "POST":
        form = CallbackForm(request.POST, consent_label=consent_label)
        if form.is_valid():
            if form.is_from_a_robot():
                return redirect("public:callback_done")  # told nothing, sends nothing
            if over_limit(request, "callback", settings.SPRO_CALLBACK_LIMIT_PER_HOUR, 3600):
                context = {"structure": structure, "place": place}
                return render(request, "public/callback_limited.html", context, status=429)
            referral = _send_callback(form, place)
            request.session[CALLBACK_SESSION_KEY] = {
                "structure": structure.name,
                "deadline": referral.deadline.isoformat(),
                "channel": form.cleaned_data["preferred_channel"],
                "place_id": place.pk,
            }
            return redirect("public:callback_done")
    else:
        initial = {
            "statut": request.GET.get("statut", ""),
            "theme": request.GET.get("theme", ""),
            "commune": request.GET.get("commune", ""),
            "need": request.GET.get("besoin", "")[:NEED_MAX_LENGTH],  # a project card's summary, never personal
            # "Être rappelé·e": by phone unless the person picks e-mail (one tap fewer on a phone).
            "preferred_channel": ReferralContact.Channel.PHONE,
        }
        if request.GET.get("tranche") in dict(CALLBACK_AGE_CHOICES):
            initial["age_band"] = request.GET["tranche"]
        form = CallbackForm(initial=initial, consent_label=consent_label)
    context = {
        "form": form,
        "place": place,
        "structure": structure,
        "retention_days": settings.SPRO_CONTACT_RETENTION_DAYS,
        "parental_age": PARENTAL_AGE,
    }
    return render(request, "public/callback.html", context)


def _send_callback(form: CallbackForm, place: Place) -> Referral:
    data = form.cleaned_data
    contact = orientation_services.ContactInput(
        first_name=data["first_name"],
        phone=data["phone"],
        email=data["email"],
        preferred_channel=data["preferred_channel"],
        consent=True,
    )
    referral = orientation_services.send_referral(
        receiver=place.structure,
        sender_structure=None,
        sender_user=None,
        transmission_consent=True,
        contact=contact,
        origin=Referral.Origin.CALLBACK,
        age_band=form.referral_age_band(),
        status=data["statut"],
        theme=data["theme"],
        commune=data["commune"],
        need=data["need"].strip(),
    )
    if data.get("follow_up"):
        follow_up.record_consent(referral, FollowUp.Source.CALLBACK)
    return referral


@require_GET
def callback_done(request):
    """The confirmation after a request (Post/Redirect/Get: a reload never sends it twice).

    The session keeps only the structure's name, the deadline and the channel: no personal data.
    """
    done = request.session.get(CALLBACK_SESSION_KEY)
    if not done:
        return redirect("public:assistant")
    context = {
        "structure_name": done["structure"],
        "deadline": parse_date(done["deadline"]),
        "working_days": settings.SPRO_REFERRAL_DEADLINE_WORKING_DAYS,
        "channel": done["channel"],
        "place_id": done["place_id"],
    }
    return render(request, "public/callback_done.html", context)
