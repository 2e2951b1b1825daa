"""The Region's privacy screens: a person's erasure request, and the review of the access log."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from apps.accounts.decorators import region_admin_required

from . import personal_data
from .models import Referral
from .privacy_forms import AccessLogFilterForm, ErasureConfirmForm, ErasureLookupForm
from .selectors import access_log as access_log_query


def _path_of(referral: Referral) -> list[Referral]:
    """The referrals to erase, with facts only: the Region never reads the person's data."""
    ids = personal_data.linked_referrals(referral)
    qs = Referral.objects.filter(pk__in=ids).select_related("sender_structure", "receiver_structure")
    holding = set(personal_data.with_personal_data(qs).values_list("pk", flat=True))
    path = list(qs.order_by("sent_at", "pk"))
    for item in path:
        item.holds_personal_data = item.pk in holding
    return path


def _lookup(form) -> Referral | None:
    if not form.is_bound:
        return None
    form.is_valid()
    numero = form.cleaned_data.get("numero")
    referral = Referral.objects.filter(pk=numero).first() if numero else None
    if numero and referral is None:
        form.add_error("numero", "Numéro de la fiche navette : aucune fiche navette ne porte ce numéro.")
    return referral


@region_admin_required
def erasure(request):
    """GET ?numero=: the fiches of the person's path and whether they hold data; POST, confirmed: erase."""
    posted = request.method == "POST"
    form = ErasureConfirmForm(request.POST) if posted else ErasureLookupForm(request.GET or None)
    referral = _lookup(form)
    if posted and referral is not None and form.is_valid():
        count = personal_data.erase_on_request(referral, request.user)
        messages.success(
            request,
            f"Données de la personne effacées sur {count} fiche(s) navette(s) (n° {referral.pk} et fiches liées). "
            "L'effacement est inscrit au journal des accès.",
        )
        return redirect(f"{reverse('orientation:erasure')}?numero={referral.pk}")
    context = {
        "form": form,
        "referral": referral,
        "path": _path_of(referral) if referral is not None else [],
        "confirm_form": form if posted else ErasureConfirmForm(),
    }
    return render(request, "orientation/privacy_erasure.html", context)


@region_admin_required
def access_log(request):
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(access_log_query(**filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "retention_days": settings.SPRO_ACCESS_LOG_RETENTION_DAYS,
    }
    return render(request, "orientation/privacy_access_log.html", context)
