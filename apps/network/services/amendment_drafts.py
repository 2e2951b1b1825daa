"""Drafting an amendment to a convention (the coordination's candidates enter through one, see coordination.py)."""

from django.db import transaction
from django.db.models import Max

from ..models import Amendment, AmendmentChange, Convention
from .common import GovernanceError, save_as

Status = Convention.Status


@transaction.atomic
def create_amendment(
    convention: Convention,
    subject: str,
    adds=(),
    removes=(),
    new_start_date=None,
    new_end_date=None,
    by=None,
) -> Amendment:
    """A draft amendment: `adds` are (structure, role) pairs, `removes` are structures party to the convention."""
    if convention.status in {Status.DRAFT, Status.EXPIRED}:
        raise GovernanceError("Un avenant modifie une convention envoyée, signée ou en vigueur.")
    if not adds and not removes and not new_start_date and not new_end_date:
        raise GovernanceError("Un avenant ajoute ou retire un partenaire, ou change les dates.")
    parties = set(convention.signatories.filter(removed_on__isnull=True).values_list("structure_id", flat=True))
    for structure, _role in adds:
        if structure.pk in parties:
            raise GovernanceError(f"{structure} est déjà signataire de la convention.")
    for structure in removes:
        if structure.pk not in parties:
            raise GovernanceError(f"{structure} n'est pas signataire de la convention.")
    start = new_start_date or convention.start_date
    end = new_end_date or convention.end_date
    if start > end:
        raise GovernanceError("La date de fin doit suivre la date de début.")
    number = (convention.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
    amendment = save_as(
        Amendment(
            convention=convention,
            number=number,
            subject=subject,
            new_start_date=new_start_date,
            new_end_date=new_end_date,
        ),
        by,
    )
    for structure, role in adds:
        save_as(AmendmentChange(amendment=amendment, action="add", structure=structure, role=role), by)
    for structure in removes:
        save_as(AmendmentChange(amendment=amendment, action="remove", structure=structure), by)
    return amendment
