"""Reads of the governance: who coordinates what, what each user may list, grant totals, pending signatures."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from apps.geo.models import Territory

from .models import (
    Amendment,
    AmendmentSignature,
    AnnualReport,
    Convention,
    Coordinator,
    Grant,
    GrantPayment,
    Meeting,
    Signatory,
)
from .models.common import current_school_year


def active_coordinators(today: date | None = None) -> QuerySet:
    """Designations in force: those of the current school year. A designation ends with its school year
    (31 August), so that a coordinator who leaves does not keep the territory's access; the plenary
    meeting of the new school year designates again.
    """
    return Coordinator.objects.filter(school_year=current_school_year(today))


def coordinated_territory_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(active_coordinators().filter(user=user).values_list("territory_id", flat=True))


def coordinators_directory() -> list[tuple[Territory, list[Coordinator], list]]:
    """The public directory: every territory, its coordinators in force and its Region contacts."""
    coordinators = active_coordinators().select_related("user", "structure", "designation_meeting")
    by_territory: dict[int, list[Coordinator]] = {}
    for coordinator in coordinators.order_by("user__last_name", "user__first_name"):
        by_territory.setdefault(coordinator.territory_id, []).append(coordinator)
    territories = Territory.objects.exclude(kind=Territory.Kind.REGION).select_related("departement")
    territories = territories.prefetch_related("region_contacts").order_by("departement_id", "name")
    return [(t, by_territory.get(t.pk, []), list(t.region_contacts.all())) for t in territories]


def visible_territories(user) -> QuerySet:
    """The territories whose governance pages the user works on."""
    territories = Territory.objects.exclude(kind=Territory.Kind.REGION).order_by("departement_id", "name")
    if user.is_region_admin or user.is_support_team:
        return territories
    return territories.filter(pk__in=coordinated_territory_ids(user))


def visible_conventions(user) -> QuerySet:
    conventions = Convention.objects.select_related("territory")
    if user.is_region_admin:
        return conventions
    mine = Signatory.objects.filter(convention=OuterRef("pk"), structure__memberships__user=user)
    return conventions.filter(Q(territory_id__in=coordinated_territory_ids(user)) | Exists(mine))


def visible_grants(user) -> QuerySet:
    grants = Grant.objects.select_related("convention__territory", "beneficiary")
    if user.is_region_admin:
        return grants
    return grants.filter(
        Q(convention__territory_id__in=coordinated_territory_ids(user)) | Q(beneficiary__memberships__user=user)
    ).distinct()


def visible_reports(user) -> QuerySet:
    reports = AnnualReport.objects.select_related("territory", "submitted_by")
    if user.is_region_admin:
        return reports
    return reports.filter(territory_id__in=coordinated_territory_ids(user))


def visible_meetings(user) -> QuerySet:
    meetings = Meeting.objects.select_related("committee__territory")
    if user.is_region_admin or user.is_support_team:
        return meetings
    territories = coordinated_territory_ids(user)
    structures = user.memberships.values("structure_id")
    territory_of_structures = user.memberships.values("structure__territory_id")
    condition = (
        Q(committee__territory_id__in=territories)
        | Q(committee__members__structure_id__in=structures)
        | Q(committee__territory_id__in=territory_of_structures)
    )
    if territories:
        condition |= Q(committee__kind__in=["regional", "cotech"])
    return meetings.filter(condition).distinct()


def convention_detail(convention_id: int) -> Convention:
    signatories = Signatory.objects.select_related("structure__network", "added_by", "removed_by")
    amendments = Amendment.objects.prefetch_related("changes__structure", "signatures__structure")
    return (
        Convention.objects.select_related("territory")
        .prefetch_related(Prefetch("signatories", queryset=signatories), Prefetch("amendments", queryset=amendments))
        .get(pk=convention_id)
    )


@dataclass
class GrantSummary:
    grant: Grant
    paid_cents: int
    scheduled_cents: int  # generated and not yet paid
    remaining_cents: int  # voted and not yet paid (whatever is generated)
    balance_overdue: bool

    @property
    def total_cents(self) -> int:
        return self.grant.total_cents


def grant_summary(grant: Grant, today: date | None = None) -> GrantSummary:
    today = today or timezone.localdate()
    payments = list(grant.payments.all())
    paid = sum(p.amount_cents for p in payments if p.paid_on)
    scheduled = sum(p.amount_cents for p in payments if not p.paid_on)
    balance = next((p for p in payments if p.kind == GrantPayment.Kind.BALANCE), None)
    # once the balance is requested, what the spending did not use is no longer owed
    committed = paid + scheduled if balance is not None else grant.total_cents
    return GrantSummary(
        grant=grant,
        paid_cents=paid,
        scheduled_cents=scheduled,
        remaining_cents=max(0, committed - paid),
        balance_overdue=is_balance_overdue(grant, today),
    )


def is_balance_overdue(grant: Grant, today: date | None = None) -> bool:
    """The deadline of the balance request has passed and no balance was requested."""
    today = today or timezone.localdate()
    return grant.balance_requested_on is None and grant.balance_deadline < today


def grant_summaries(grants: QuerySet, today: date | None = None) -> list[GrantSummary]:
    grants = grants.prefetch_related("payments")
    return [grant_summary(g, today) for g in grants]


def totals(summaries: list[GrantSummary]) -> dict[str, int]:
    return {
        "voted": sum(s.total_cents for s in summaries),
        "paid": sum(s.paid_cents for s in summaries),
        "scheduled": sum(s.scheduled_cents for s in summaries),
        "remaining": sum(s.remaining_cents for s in summaries),
        "overdue": sum(1 for s in summaries if s.balance_overdue),
    }


def paid_total(grant: Grant) -> int:
    return grant.payments.filter(paid_on__isnull=False).aggregate(s=Sum("amount_cents"))["s"] or 0


def pending_signatures(conventions: QuerySet) -> list[dict]:
    """Conventions and amendments sent for signature, with the structures that have not signed yet."""
    rows = []
    sent = conventions.filter(status=Convention.Status.SENT).order_by("-year", "territory__name")
    waiting = Signatory.objects.filter(signed_on__isnull=True, removed_on__isnull=True).select_related("structure")
    for convention in sent.prefetch_related(Prefetch("signatories", queryset=waiting, to_attr="waiting")):
        if convention.waiting:
            rows.append({"document": convention, "convention": convention, "waiting": convention.waiting})
    amendments = Amendment.objects.filter(convention__in=conventions, status=Amendment.Status.SENT)
    waiting_amendment = AmendmentSignature.objects.filter(signed_on__isnull=True).select_related("structure")
    amendments = amendments.select_related("convention__territory").prefetch_related(
        Prefetch("signatures", queryset=waiting_amendment, to_attr="waiting")
    )
    for amendment in amendments:
        if amendment.waiting:
            rows.append({"document": amendment, "convention": amendment.convention, "waiting": amendment.waiting})
    return rows
