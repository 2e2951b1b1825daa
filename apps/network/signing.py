"""Signing in the platform (seed 000: « signatures par les structures et retour à la Région sous forme
électronique ; compilation des signatures par la Région »).

- the authorised member of a signatory structure (an administrator of the structure, the person who may
  commit it) approves the convention or the amendment sent for signature: their name, function, the date
  and the version of the document are logged in `SignatureApproval`, and the structure's signature is
  recorded through the same service as a signature received on paper (so the workflow, the advances and
  the amendment's application stay in one place);
- the version of a document is a fingerprint of what the parties commit to (territory, dates, parties and
  their roles, amounts; for an amendment its subject, dates and partner changes): any change gives a
  new version, and the log tells which text each structure approved;
- the Region sees who is missing, reminds them, then compiles the signed document (a PDF holding the
  convention's terms and every signature) that is attached to the convention or the amendment;
- a new convention proposes the PRC-VAE of the département as resource partner (seed 000: « les PRC-VAE
  seront signataires de tous les SPRO locaux en tant que partenaires ressources »).
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from apps.accounts.models import Membership
from apps.directory.models import Structure

from .models import Amendment, Convention, Signatory, SignatureApproval
from .services import conventions as convention_services
from .services.common import GovernanceError, save_as

PRC_VAE_NETWORK = "prc-vae"
AUTHORISED_ROLE = Membership.Role.ADMIN


def _convention_of(document) -> Convention:
    return document if isinstance(document, Convention) else document.convention


def _terms(document) -> dict:
    if isinstance(document, Convention):
        grant = getattr(document, "grant", None)
        parties = document.signatories.filter(removed_on__isnull=True).order_by("structure_id")
        return {
            "convention": [document.territory_id, document.year, str(document.start_date), str(document.end_date)],
            "parties": [[p.structure_id, p.role] for p in parties],
            "grant": [grant.lump_sum_cents, grant.envelope_cents] if grant else None,
        }
    changes = document.changes.order_by("structure_id")
    return {
        "amendment": [document.convention_id, document.number, document.subject],
        "dates": [str(document.new_start_date or ""), str(document.new_end_date or "")],
        "changes": [[c.action, c.structure_id, c.role] for c in changes],
    }


def document_version(document) -> str:
    """« convention-2026-3f9a0c1b2d4e »: the kind, the year and the fingerprint of the document's terms."""
    digest = hashlib.sha256(json.dumps(_terms(document), sort_keys=True).encode()).hexdigest()[:12]
    kind = "convention" if isinstance(document, Convention) else f"avenant{document.number}"
    return f"{kind}-{_convention_of(document).year}-{digest}"


def _is_sent(document) -> bool:
    if isinstance(document, Convention):
        return document.status == Convention.Status.SENT
    return document.status == Amendment.Status.SENT


def _waiting(document):
    """The rows still waiting for a signature (signatories of a convention, signatures of an amendment)."""
    if isinstance(document, Convention):
        return document.signatories.filter(signed_on__isnull=True, removed_on__isnull=True)
    return document.signatures.filter(signed_on__isnull=True)


def structures_to_approve(document, user) -> list[Structure]:
    """The structures for which `user` may approve `document` now: authorised member, not signed yet."""
    if not getattr(user, "is_authenticated", False) or not _is_sent(document):
        return []
    mine = user.memberships.filter(role=AUTHORISED_ROLE).values("structure_id")
    ids = _waiting(document).filter(structure_id__in=mine).values("structure_id")
    return list(Structure.objects.filter(pk__in=ids).order_by("name"))


@transaction.atomic
def approve(document, structure, user, signer_title: str, now=None) -> SignatureApproval:
    """The authorised member approves the document for their structure: logged, then the signature recorded."""
    now = now or timezone.now()
    if not _is_sent(document):
        raise GovernanceError("Ce document n'est pas (ou plus) en attente de signature.")
    if structure not in structures_to_approve(document, user):
        raise GovernanceError(
            f"Vous n'êtes pas habilité·e à signer pour {structure}, ou sa signature est déjà enregistrée."
        )
    if not signer_title.strip():
        raise GovernanceError("Fonction : indiquez à quel titre vous engagez la structure.")
    convention = _convention_of(document)
    approval = SignatureApproval(
        convention=convention,
        amendment=document if isinstance(document, Amendment) else None,
        structure=structure,
        user=user,
        signer_name=(user.get_full_name() or user.email)[:150],
        signer_title=signer_title.strip()[:150],
        document_version=document_version(document),
        approved_at=now,
    )
    try:
        with transaction.atomic():
            approval.save()
    except IntegrityError as error:
        raise GovernanceError(f"{structure} a déjà approuvé ce document.") from error
    today = timezone.localdate(now)
    row = _waiting(document).get(structure=structure)
    if isinstance(document, Convention):
        convention_services.record_signatures(document, {row.pk: today}, by=user, today=today)
    else:
        convention_services.record_amendment_signatures(document, {row.pk: today}, by=user, today=today)
    return approval


# --- The Region's follow-up ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureRow:
    structure: Structure
    signed_on: object
    last_reminder_at: object
    approval: SignatureApproval | None
    authorised: list[str]  # names of the members who may approve for the structure

    @property
    def missing(self) -> bool:
        return self.signed_on is None


def signature_rows(document) -> list[SignatureRow]:
    """Every party: signed or missing, approved online or received otherwise, who may sign, last reminder."""
    if isinstance(document, Convention):
        rows = list(document.signatories.filter(removed_on__isnull=True).select_related("structure"))
        approvals = document.approvals.filter(amendment__isnull=True)
    else:
        rows = list(document.signatures.select_related("structure"))
        approvals = document.approvals.all()
    by_structure = {a.structure_id: a for a in approvals}
    authorised: dict[int, list[str]] = {}
    members = Membership.objects.filter(
        structure_id__in=[r.structure_id for r in rows], role=AUTHORISED_ROLE, user__is_active=True
    ).select_related("user")
    for membership in members.order_by("user__last_name", "user__first_name"):
        name = membership.user.get_full_name() or membership.user.email
        authorised.setdefault(membership.structure_id, []).append(name)
    return [
        SignatureRow(
            r.structure,
            r.signed_on,
            r.last_reminder_at,
            by_structure.get(r.structure_id),
            authorised.get(r.structure_id, []),
        )
        for r in rows
    ]


def is_signed_by_all(document) -> bool:
    if isinstance(document, Convention):
        return document.is_signed
    return document.status == Amendment.Status.SIGNED


def compile_signed_document(document, by=None) -> object:
    """The signed document as a PDF (terms and every signature with its version), attached to the document."""
    from weasyprint import HTML  # Pango is loaded only for this export

    if not is_signed_by_all(document):
        raise GovernanceError("Toutes les signatures ne sont pas réunies : la compilation attend les manquantes.")
    convention = _convention_of(document)
    context = {
        "document": document,
        "convention": convention,
        "is_amendment": isinstance(document, Amendment),
        "rows": signature_rows(document),
        "version": document_version(document),
        "compiled_at": timezone.localtime(),
    }
    pdf = HTML(string=render_to_string("network/signed_document_pdf.html", context)).write_pdf()
    prefix = f"avenant-{document.number}-" if isinstance(document, Amendment) else ""
    name = f"{prefix}convention-spro-{convention.territory.code}-{convention.year}-signee.pdf"
    document.signed_document.save(name, ContentFile(pdf), save=False)
    return save_as(document, by)


# --- PRC-VAE as resource partner ----------------------------------------------------------------------------


def prc_vae_proposals(convention: Convention) -> list[Structure]:
    """The active PRC-VAE of the convention's département that are not yet party to it."""
    departement_id = convention.territory.departement_id
    if departement_id is None:
        return []
    parties = convention.signatories.values("structure_id")
    return list(
        Structure.objects.filter(
            is_active=True, network__code=PRC_VAE_NETWORK, territory__departement_id=departement_id
        )
        .exclude(pk__in=parties)
        .order_by("name")
    )


def add_prc_vae(convention: Convention, by=None) -> list[Signatory]:
    proposals = prc_vae_proposals(convention)
    if not proposals:
        raise GovernanceError(
            "Aucun PRC-VAE du département à proposer : ils sont déjà signataires ou absents de l'annuaire."
        )
    return convention_services.add_signatories(convention, proposals, Signatory.Role.RESOURCE_PARTNER, by=by)


def panel(document, user) -> dict:
    """What the detail page of a convention or an amendment shows about signing in the platform."""
    convention = _convention_of(document)
    proposals = []
    is_draft = isinstance(document, Convention) and document.status == Convention.Status.DRAFT
    if is_draft and user.has_perm("network.change_convention", document):
        proposals = prc_vae_proposals(document)
    return {
        "signing_document": document,
        "signing_is_amendment": isinstance(document, Amendment),
        "approve_structures": structures_to_approve(document, user),
        "can_follow_signing": user.has_perm("network.remind_signatories", convention),
        "prc_vae_proposals": proposals,
        "signing_version": document_version(document),
    }


def pending_for_user(user) -> list[tuple[object, list[Structure]]]:
    """Conventions and amendments sent for signature that the user may approve for one of their structures."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = user.memberships.filter(role=AUTHORISED_ROLE).values("structure_id")
    conventions = Convention.objects.filter(
        status=Convention.Status.SENT,
        signatories__structure_id__in=mine,
        signatories__signed_on__isnull=True,
        signatories__removed_on__isnull=True,
    ).distinct()
    amendments = Amendment.objects.filter(
        status=Amendment.Status.SENT, signatures__structure_id__in=mine, signatures__signed_on__isnull=True
    ).distinct()
    documents = [*conventions.select_related("territory"), *amendments.select_related("convention__territory")]
    return [(d, structures_to_approve(d, user)) for d in documents]
