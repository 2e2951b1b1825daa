"""Pages of the amendments (avenants): creation, detail, sending, signatures, document, reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.core.redirects import safe_next

from .. import services, signing
from ..forms.conventions import AMENDMENT_DOCUMENT_FIELD, AmendmentForm, DocumentForm, SignaturesForm
from ..models import Amendment, Convention
from .common import allowed, download, form_page, get_allowed, run
from .conventions import ONLY_REGION, _crumbs


def _amendment(request, pk, perm="network.view_convention") -> Amendment:
    amendment = Amendment.objects.select_related("convention__territory").filter(pk=pk).first()
    if amendment is None:
        raise Http404("Avenant introuvable.")
    allowed(request, perm, amendment.convention)
    return amendment


@login_required
def amendment_create(request, pk):
    convention = get_allowed(request, "network.view_convention", Convention, pk=pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    form = AmendmentForm(request.POST or None, convention=convention)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        adds = [(data["add_structure"], data["add_role"])] if data.get("add_structure") else []
        try:
            amendment = services.create_amendment(
                convention,
                data["subject"],
                adds=adds,
                removes=list(data.get("remove_structures") or []),
                new_start_date=data.get("new_start_date"),
                new_end_date=data.get("new_end_date"),
                by=request.user,
            )
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"L'avenant n° {amendment.number} est créé en brouillon.")
            return redirect(amendment)
    title = f"Nouvel avenant — {convention}"
    return form_page(request, form, title, convention.get_absolute_url(), _crumbs(convention))


@login_required
def amendment_detail(request, pk):
    amendment = _amendment(request, pk)
    context = {
        "amendment": amendment,
        "convention": amendment.convention,
        "changes": amendment.changes.select_related("structure"),
        "signatures": amendment.signatures.select_related("structure"),
        "can_manage": request.user.has_perm("network.manage_conventions"),
        "can_remind": request.user.has_perm("network.remind_signatories", amendment.convention),
        "crumbs": _crumbs(amendment.convention),
    }
    context |= signing.panel(amendment, request.user)
    return render(request, "network/amendment_detail.html", context)


@login_required
@require_POST
def amendment_send(request, pk):
    amendment = _amendment(request, pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    action = lambda: services.send_amendment(amendment, by=request.user)  # noqa: E731
    return run(request, action, "L'avenant est envoyé pour signature.", amendment)


@login_required
def amendment_signatures(request, pk):
    amendment = _amendment(request, pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    if amendment.status != Amendment.Status.SENT:
        messages.error(request, "Les signatures s'enregistrent sur un avenant envoyé pour signature.")
        return redirect(amendment)
    form = SignaturesForm(request.POST or None, rows=amendment.signatures.select_related("structure"))
    if request.method == "POST" and form.is_valid():
        dates = form.dates()
        action = lambda: services.record_amendment_signatures(amendment, dates, by=request.user)  # noqa: E731
        return run(request, action, f"{len(dates)} signature(s) enregistrée(s).", amendment)
    crumbs = [*_crumbs(amendment.convention), (f"Avenant n° {amendment.number}", amendment.get_absolute_url())]
    return form_page(request, form, f"Enregistrer les signatures — {amendment}", amendment.get_absolute_url(), crumbs)


@login_required
def amendment_document_upload(request, pk):
    amendment = _amendment(request, pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    form = DocumentForm(request.POST or None, request.FILES or None, model_field=AMENDMENT_DOCUMENT_FIELD)
    if request.method == "POST" and form.is_valid():
        amendment.signed_document = form.cleaned_data["document"]
        services.common.save_as(amendment, request.user)
        messages.success(request, "L'avenant signé a été déposé.")
        return redirect(amendment)
    crumbs = [*_crumbs(amendment.convention), (f"Avenant n° {amendment.number}", amendment.get_absolute_url())]
    return form_page(request, form, f"Déposer l'avenant signé — {amendment}", amendment.get_absolute_url(), crumbs)


@login_required
def amendment_document_download(request, pk):
    return download(_amendment(request, pk).signed_document, "Aucun avenant signé n'a été déposé.")


@login_required
@require_POST
def amendment_remind(request, pk):
    amendment = _amendment(request, pk, "network.remind_signatories")
    try:
        count = services.send_signature_reminders(amendment)
    except services.GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Relance envoyée à {count} structure{'s' if count > 1 else ''}.")
    return redirect(safe_next(request, amendment.get_absolute_url()))
