"""Pages of the committees and their meetings: members, meetings, attendance, minutes, decisions, iCal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from apps.geo.models import Territory

from .. import services
from ..forms.meetings import CommitteeMemberForm, CommitteeStructuresForm, MeetingForm, MeetingReportForm
from ..models import Committee, CommitteeMember, Meeting
from .common import allowed, download, form_page, get_allowed, network_crumb

CHANGE_REFUSED = "Seul·es les coordinateur·rices du territoire et la Région modifient ce comité."


def _committee_crumbs(committee):
    crumbs = [network_crumb()]
    if committee.territory_id:
        crumbs.append((committee.territory.name, reverse("network:territory", args=[committee.territory.code])))
    crumbs.append((committee.name, committee.get_absolute_url()))
    return crumbs


@login_required
def territory_committee(request, code):
    territory = get_object_or_404(Territory, code=code)
    allowed(request, "network.view_governance", territory)
    return redirect(services.local_committee(territory))


@login_required
def regional_committee(request):
    committee = services.regional_committee()
    allowed(request, "network.view_meeting", committee)
    return redirect(committee)


@login_required
def committee_detail(request, pk):
    committee = get_allowed(request, "network.view_meeting", Committee.objects.select_related("territory"), pk=pk)
    context = {
        "committee": committee,
        "members": committee.members.select_related("structure"),
        "meetings": committee.meetings.prefetch_related("attendances").order_by("-starts_at"),
        "can_change": request.user.has_perm("network.change_meeting", committee),
        "crumbs": _committee_crumbs(committee)[:-1],
    }
    return render(request, "network/committee_detail.html", context)


@login_required
def committee_structures(request, pk):
    committee = get_allowed(request, "network.change_meeting", Committee, CHANGE_REFUSED, pk=pk)
    form = CommitteeStructuresForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        services.set_committee_structures(committee, form.cleaned_data["structures"])
        messages.success(request, "La composition du comité a été enregistrée.")
        return redirect(committee)
    title = f"Structures membres — {committee.name}"
    return form_page(request, form, title, committee.get_absolute_url(), _committee_crumbs(committee))


@login_required
def committee_member_edit(request, pk):
    member = get_object_or_404(CommitteeMember.objects.select_related("committee", "structure"), pk=pk)
    allowed(request, "network.change_meeting", member.committee, CHANGE_REFUSED)
    form = CommitteeMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Le ou la représentant·e ({member.structure.name}) a été enregistré·e.")
        return redirect(member.committee)
    title = f"Représentant·e ({member.structure.name})"
    return form_page(request, form, title, member.committee.get_absolute_url(), _committee_crumbs(member.committee))


@login_required
def meeting_edit(request, pk=None, committee_pk=None):
    if pk:
        meeting = get_object_or_404(Meeting.objects.select_related("committee__territory"), pk=pk)
        committee = meeting.committee
    else:
        committee = get_object_or_404(Committee.objects.select_related("territory"), pk=committee_pk)
        meeting = Meeting(committee=committee, created_by=request.user)
    allowed(request, "network.change_meeting", committee, CHANGE_REFUSED)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, f"La réunion « {meeting.title} » a été enregistrée.")
        return redirect(meeting)
    title = f"Modifier la réunion {meeting.title}" if pk else f"Nouvelle réunion — {committee.name}"
    back = meeting.get_absolute_url() if pk else committee.get_absolute_url()
    return form_page(request, form, title, back, _committee_crumbs(committee))


@login_required
def meeting_detail(request, pk):
    meeting = get_allowed(
        request, "network.view_meeting", Meeting.objects.select_related("committee__territory"), pk=pk
    )
    context = {
        "meeting": meeting,
        "attendances": meeting.attendances.select_related("structure"),
        "decisions": meeting.decisions.all(),
        "designations": meeting.designations.select_related("user", "territory"),
        "can_change": request.user.has_perm("network.change_meeting", meeting),
        "crumbs": _committee_crumbs(meeting.committee),
    }
    return render(request, "network/meeting_detail.html", context)


@login_required
def meeting_report(request, pk):
    """Attendance, minutes and decisions of a meeting, in one form."""
    meeting = get_allowed(request, "network.change_meeting", Meeting, CHANGE_REFUSED, pk=pk)
    attendances = list(meeting.attendances.all())
    initial = {
        "present": [m for m in meeting.committee.members.all() if _was(attendances, m, "present")],
        "excused": [m for m in meeting.committee.members.all() if _was(attendances, m, "excused")],
        "others": services.people_text(
            a for a in attendances if a.presence == "present" and not _member_row(a, meeting) and not a.is_guest
        ),
        "guests": services.people_text(a for a in attendances if a.is_guest),
        "minutes": meeting.minutes,
        "decisions": "\n".join(d.text for d in meeting.decisions.all()),
    }
    form = MeetingReportForm(request.POST or None, request.FILES or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_attendance(meeting, data["present"], data["excused"], data["others"], data["guests"])
        services.set_decisions(meeting, data["decisions"])
        meeting.minutes = data["minutes"]
        if data.get("minutes_file"):
            meeting.minutes_file = data["minutes_file"]
        meeting.save()
        messages.success(request, "Les présences, le compte rendu et les décisions ont été enregistrés.")
        return redirect(meeting)
    title = f"Compte rendu — {meeting.title}"
    return form_page(request, form, title, meeting.get_absolute_url(), _committee_crumbs(meeting.committee))


def _member_row(attendance, meeting) -> bool:
    return (
        attendance.structure_id is not None
        and not attendance.is_guest
        and attendance.structure_id in {m.structure_id for m in meeting.committee.members.all()}
    )


def _was(attendances, member, presence) -> bool:
    return any(a.structure_id == member.structure_id and a.presence == presence and not a.is_guest for a in attendances)


@login_required
def minutes_download(request, pk):
    meeting = get_allowed(request, "network.view_meeting", Meeting, pk=pk)
    return download(meeting.minutes_file, "Aucun compte rendu déposé.")


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def meeting_ics(request, pk):
    meeting = get_allowed(request, "network.view_meeting", Meeting, pk=pk)
    return _ics(services.meetings_ical([meeting], meeting.title), f"reunion-{meeting.pk}.ics")


@login_required
def committee_ics(request, pk):
    committee = get_allowed(request, "network.view_meeting", Committee, pk=pk)
    meetings = committee.meetings.order_by("starts_at")
    return _ics(services.meetings_ical(meetings, committee.name), f"comite-{committee.pk}.ics")
