"""Writes on committees, meetings, attendance and decisions; coordinators' designations; iCal export."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from apps.accounts import invitations
from apps.core import region_pack
from apps.directory.models import Structure

from ..coordination import team_problem
from ..models import Attendance, Committee, CommitteeMember, Convention, Coordinator, Decision, Meeting
from .common import GovernanceError, save_as

_NAME_SEPARATOR = re.compile(r"\s+[–—-]\s+")
REGIONAL_COMMITTEE_NAME = "Réunion régionale des coordinateur·rices SPRO"


@transaction.atomic
def local_committee(territory) -> Committee:
    """The territory's local coordination committee; created with the parties of its latest convention."""
    committee, created = Committee.objects.get_or_create(
        kind=Committee.Kind.LOCAL,
        territory=territory,
        defaults={"name": f"Comité de coordination locale — {territory.name}"},
    )
    if created:
        convention = Convention.objects.filter(territory=territory).order_by("-year").first()
        if convention is not None:
            parties = convention.signatories.filter(removed_on__isnull=True).values_list("structure_id", flat=True)
            CommitteeMember.objects.bulk_create([CommitteeMember(committee=committee, structure_id=s) for s in parties])
    return committee


def regional_committee() -> Committee:
    committee, _ = Committee.objects.get_or_create(
        kind=Committee.Kind.REGIONAL, territory=None, defaults={"name": REGIONAL_COMMITTEE_NAME}
    )
    return committee


def set_committee_structures(committee: Committee, structures) -> None:
    """Keep the given structures as members (representatives kept), remove the others."""
    wanted = {s.pk for s in structures}
    committee.members.exclude(structure_id__in=wanted).delete()
    existing = set(committee.members.values_list("structure_id", flat=True))
    CommitteeMember.objects.bulk_create(
        [CommitteeMember(committee=committee, structure_id=pk) for pk in wanted - existing]
    )


def parse_people(text: str) -> list[tuple[str, str]]:
    """Lines "Name – Organisation" (as in minutes) → [(name, organisation)]; the organisation may be missing."""
    people = []
    for line in (text or "").splitlines():
        line = line.strip(" \t•-")
        if not line:
            continue
        parts = _NAME_SEPARATOR.split(line, maxsplit=1)
        people.append((parts[0].strip()[:150], parts[1].strip()[:200] if len(parts) > 1 else ""))
    return people


def people_text(attendances) -> str:
    return "\n".join(f"{a.name} – {a.organisation_label}" if a.organisation_label else a.name for a in attendances)


@transaction.atomic
def record_attendance(meeting: Meeting, present_members, excused_members, others: str = "", guests: str = "") -> int:
    """Replace the attendance: committee members present or excused (others absent), other participants, guests."""
    meeting.attendances.all().delete()
    rows = []
    present_ids = {m.pk for m in present_members}
    excused_ids = {m.pk for m in excused_members}
    for member in meeting.committee.members.select_related("structure"):
        if member.pk in present_ids:
            presence = Attendance.Presence.PRESENT
        elif member.pk in excused_ids:
            presence = Attendance.Presence.EXCUSED
        else:
            presence = Attendance.Presence.ABSENT
        rows.append(
            Attendance(
                meeting=meeting,
                name=member.representative_name or f"Représentant·e ({member.structure.name})",
                structure=member.structure,
                note=member.representative_role,
                presence=presence,
            )
        )
    structures = {s.name.lower(): s for s in Structure.objects.all().only("pk", "name")}
    for is_guest, text in ((False, others), (True, guests)):
        for name, organisation in parse_people(text):
            structure = structures.get(organisation.lower())
            rows.append(
                Attendance(
                    meeting=meeting,
                    name=name,
                    structure=structure,
                    organisation="" if structure else organisation,
                    presence=Attendance.Presence.PRESENT,
                    is_guest=is_guest,
                )
            )
    Attendance.objects.bulk_create(rows)
    return sum(1 for r in rows if r.presence == Attendance.Presence.PRESENT)


@transaction.atomic
def set_decisions(meeting: Meeting, text: str) -> int:
    """One decision per non-empty line, in order."""
    meeting.decisions.all().delete()
    lines = [line.strip(" \t•-") for line in (text or "").splitlines() if line.strip(" \t•-")]
    Decision.objects.bulk_create([Decision(meeting=meeting, text=line, position=i) for i, line in enumerate(lines)])
    return len(lines)


@transaction.atomic
def designate_coordinator(coordinator: Coordinator, by=None) -> Coordinator:
    """Record a designation in the territory's coordination team (rules: coordination.team_problem)."""
    problem = team_problem(coordinator)
    if problem:
        raise GovernanceError(problem)
    coordinator = save_as(coordinator, by)
    user = coordinator.user
    if invitations.needs_invitation(user):  # an account created by this designation: its only way in
        reason = f"coordination du territoire {coordinator.territory}"
        transaction.on_commit(lambda: invitations.invite(user, reason))
    return coordinator


def meetings_ical(meetings, name: str) -> bytes:
    """An iCalendar (RFC 5545) file of the meetings, for calendar applications."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{region_pack.current().text('site_name')}//Réseau//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", " ".join(name.split()))  # a property value is one line
    host = settings.SPRO_SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "spro.example"
    for meeting in meetings:
        event = Event()
        event.add("uid", f"reunion-{meeting.pk}@{host}")
        event.add("summary", meeting.title)
        starts_at = timezone.localtime(meeting.starts_at)  # local time with its TZID, as people read it
        event.add("dtstart", starts_at)
        event.add("dtend", timezone.localtime(meeting.ends_at) if meeting.ends_at else starts_at + timedelta(hours=2))
        event.add("dtstamp", meeting.updated_at)
        event.add("location", meeting.place)
        description = "Ordre du jour :\n" + "\n".join(f"- {item}" for item in meeting.agenda_items)
        event.add("description", description)
        event.add("url", settings.SPRO_SITE_URL + meeting.get_absolute_url())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
