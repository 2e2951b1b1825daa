"""Pages of the conventions: list, creation, detail with history, signatories, signatures, document, reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core.bounds import year_in_range
from apps.core.redirects import safe_next

from .. import selectors, services, signing
from ..forms.conventions import (
    CONVENTION_DOCUMENT_FIELD,
    ConventionCreateForm,
    ConventionForm,
    DocumentForm,
    SignatoriesForm,
    SignaturesForm,
)
from ..history import convention_history
from ..models import Convention, Signatory
from .common import allowed, download, form_page, get_allowed, network_crumb, run

ONLY_REGION = "Seule la Région crée les conventions, les envoie pour signature et en enregistre les signatures."


def _crumbs(convention=None):
    crumbs = [network_crumb(), ("Conventions", reverse("network:conventions"))]
    if convention is not None:
        crumbs.append((str(convention), convention.get_absolute_url()))
    return crumbs


@login_required
def convention_list(request):
    conventions = selectors.visible_conventions(request.user).order_by("-year", "territory__name")
    year, status = request.GET.get("annee", ""), request.GET.get("etat", "")
    if year_in_range(year):
        conventions = conventions.filter(year=year_in_range(year))
    if status in Convention.Status.values:
        conventions = conventions.filter(status=status)
    page = Paginator(conventions, 50).get_page(request.GET.get("page"))
    context = {"page": page, "year": year, "status": status, "statuses": Convention.Status.choices}
    return render(request, "network/convention_list.html", context)


@login_required
def convention_create(request):
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    form = ConventionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        convention = services.create_convention(data["territory"], data["year"], by=request.user)
        messages.success(request, f"{convention} créée en brouillon : ajoutez ses signataires.")
        return redirect(convention)
    return form_page(request, form, "Nouvelle convention", reverse("network:conventions"), _crumbs())


@login_required
def convention_detail(request, pk):
    convention = get_allowed(request, "network.view_convention", Convention, pk=pk)
    services.refresh_status(convention)
    convention = selectors.convention_detail(convention.pk)
    grant = getattr(convention, "grant", None)
    signatories = list(convention.signatories.all())
    can_view_grant = grant is not None and request.user.has_perm("network.view_grant", grant)
    can_manage = request.user.has_perm("network.manage_conventions")
    context = {
        "convention": convention,
        "active": [s for s in signatories if s.is_active],
        "removed": [s for s in signatories if not s.is_active],
        "signed_count": sum(1 for s in signatories if s.is_active and s.signed_on),
        "grant_summary": selectors.grant_summary(grant) if grant else None,
        "can_view_grant": can_view_grant,
        "can_change": request.user.has_perm("network.change_convention", convention),
        "can_manage": can_manage,
        "can_remind": request.user.has_perm("network.remind_signatories", convention),
        "history": convention_history(convention, limit=60, with_grant=can_view_grant or can_manage),
    }
    context |= signing.panel(convention, request.user)
    return render(request, "network/convention_detail.html", context)


@login_required
def convention_edit(request, pk):
    convention = get_allowed(request, "network.change_convention", Convention, pk=pk)
    form = ConventionForm(request.POST or None, instance=convention)
    if request.method == "POST" and form.is_valid():
        services.common.save_as(form.save(commit=False), request.user)
        messages.success(request, "La convention a été enregistrée.")
        return redirect(convention)
    title = f"Modifier la {convention}"
    return form_page(request, form, title, convention.get_absolute_url(), _crumbs(convention))


@login_required
def signatories_add(request, pk):
    convention = get_allowed(request, "network.change_convention", Convention, pk=pk)
    form = SignatoriesForm(request.POST or None, convention=convention)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["chosen"]
        return run(
            request,
            lambda: services.add_signatories(convention, chosen, form.cleaned_data["role"], by=request.user),
            f"{len(chosen)} signataire{'s' if len(chosen) > 1 else ''} ajouté{'s' if len(chosen) > 1 else ''}.",
            convention,
        )
    title = f"Ajouter des signataires — {convention}"
    return form_page(request, form, title, convention.get_absolute_url(), _crumbs(convention))


@login_required
@require_POST
def signatory_remove(request, pk, signatory_pk):
    convention = get_allowed(request, "network.change_convention", Convention, pk=pk)
    signatory = get_object_or_404(Signatory, pk=signatory_pk, convention=convention)
    name = signatory.structure.name
    return run(request, lambda: services.remove_signatory(signatory, by=request.user), f"{name} retirée.", convention)


@login_required
@require_POST
def convention_send(request, pk):
    convention = get_allowed(request, "network.view_convention", Convention, pk=pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    action = lambda: services.send_for_signature(convention, by=request.user)  # noqa: E731
    return run(request, action, "La convention est envoyée pour signature.", convention)


@login_required
def signatures(request, pk):
    convention = get_allowed(request, "network.view_convention", Convention, pk=pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    if convention.status != Convention.Status.SENT:
        messages.error(request, "Les signatures s'enregistrent sur une convention envoyée pour signature.")
        return redirect(convention)
    rows = convention.signatories.filter(removed_on__isnull=True).select_related("structure")
    form = SignaturesForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        dates = form.dates()
        action = lambda: services.record_signatures(convention, dates, by=request.user)  # noqa: E731
        return run(request, action, f"{len(dates)} signature(s) enregistrée(s).", convention)
    title = f"Enregistrer les signatures — {convention}"
    return form_page(request, form, title, convention.get_absolute_url(), _crumbs(convention))


@login_required
def document_upload(request, pk):
    convention = get_allowed(request, "network.view_convention", Convention, pk=pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    form = DocumentForm(request.POST or None, request.FILES or None, model_field=CONVENTION_DOCUMENT_FIELD)
    if request.method == "POST" and form.is_valid():
        services.attach_signed_document(convention, form.cleaned_data["document"], by=request.user)
        messages.success(request, "La convention signée a été déposée.")
        return redirect(convention)
    title = f"Déposer la convention signée — {convention}"
    return form_page(request, form, title, convention.get_absolute_url(), _crumbs(convention))


@login_required
def document_download(request, pk):
    convention = get_allowed(request, "network.view_convention", Convention, pk=pk)
    return download(convention.signed_document, "Aucune convention signée n'a été déposée.")


@login_required
@require_POST
def remind(request, pk):
    convention = get_allowed(request, "network.remind_signatories", Convention, pk=pk)
    try:
        count = services.send_signature_reminders(convention)
    except services.GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Relance envoyée à {count} structure{'s' if count > 1 else ''}.")
    return redirect(safe_next(request, convention.get_absolute_url()))


@login_required
def pending(request):
    """Which structures have not signed yet, convention by convention."""
    conventions = selectors.visible_conventions(request.user)
    rows = selectors.pending_signatures(conventions)
    for row in rows:
        row["can_remind"] = request.user.has_perm("network.remind_signatories", row["convention"])
    return render(request, "network/pending.html", {"rows": rows})
