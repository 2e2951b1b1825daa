"""Signing in the platform: the member approves, the Region follows who is missing and compiles; PRC-VAE."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.directory.models import Structure

from .. import signing
from ..forms.followup import ApprovalForm
from ..models import Amendment, Convention
from ..services import GovernanceError
from .common import REFUSED, allowed, get_allowed, run
from .conventions import ONLY_REGION, _crumbs

NOT_AUTHORISED = (
    "Seul·e un·e administrateur·rice d'une structure signataire qui n'a pas encore signé peut approuver ce document."
)


def _document(kind: str, pk: int):
    if kind == "avenant":
        return get_object_or_404(Amendment.objects.select_related("convention__territory"), pk=pk)
    return get_object_or_404(Convention.objects.select_related("territory"), pk=pk)


def _document_crumbs(document):
    if isinstance(document, Amendment):
        return [*_crumbs(document.convention), (f"Avenant n° {document.number}", document.get_absolute_url())]
    return _crumbs(document)


@login_required
def approve(request, pk, kind="convention"):
    document = _document(kind, pk)
    structures = signing.structures_to_approve(document, request.user)
    if not structures:
        raise PermissionDenied(NOT_AUTHORISED)
    form = ApprovalForm(
        request.POST or None, structures=Structure.objects.filter(pk__in=[s.pk for s in structures]).order_by("name")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            approval = signing.approve(document, data["structure"], request.user, data["signer_title"])
        except GovernanceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"Approbation enregistrée pour {approval.structure} (version {approval.document_version})."
            )
            return redirect(document)
    context = {
        "document": document,
        "is_amendment": isinstance(document, Amendment),
        "convention": getattr(document, "convention", document),
        "form": form,
        "version": signing.document_version(document),
        "crumbs": _document_crumbs(document),
    }
    return render(request, "network/approve.html", context)


@login_required
def my_approvals(request):
    return render(request, "network/my_approvals.html", {"pending": signing.pending_for_user(request.user)})


@login_required
def signing_follow_up(request, pk, kind="convention"):
    document = _document(kind, pk)
    allowed(request, "network.view_convention", getattr(document, "convention", document))
    allowed(request, "network.remind_signatories", getattr(document, "convention", document))
    rows = signing.signature_rows(document)
    context = {
        "document": document,
        "is_amendment": isinstance(document, Amendment),
        "rows": rows,
        "missing": [r for r in rows if r.missing],
        "version": signing.document_version(document),
        "signed_by_all": signing.is_signed_by_all(document),
        "can_manage": request.user.has_perm("network.manage_conventions"),
        "crumbs": _document_crumbs(document),
    }
    return render(request, "network/signing.html", context)


@login_required
@require_POST
def compile_document(request, pk, kind="convention"):
    document = _document(kind, pk)
    allowed(request, "network.manage_conventions", None, ONLY_REGION)
    follow = "network:amendment_signing" if kind == "avenant" else "network:convention_signing"
    action = lambda: signing.compile_signed_document(document, by=request.user)  # noqa: E731
    return run(request, action, "Le document signé a été compilé et joint.", redirect(follow, document.pk).url)


@login_required
@require_POST
def add_prc_vae(request, pk):
    convention = get_allowed(request, "network.change_convention", Convention, pk=pk, message=REFUSED)
    action = lambda: signing.add_prc_vae(convention, by=request.user)  # noqa: E731
    return run(request, action, "Le PRC-VAE du département est ajouté comme partenaire ressource.", convention)
