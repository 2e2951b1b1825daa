"""Forms of committees, meetings (date, place, agenda), their report (attendance, minutes, decisions)."""

from datetime import time

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.core.bounds import PlausibleDateField

from ..models import CommitteeMember, Coordinator, Meeting, RegionContact
from ..models.common import current_school_year
from .common import DateInput, StructureChoiceField, StructureMultipleChoiceField, TimeInput, active_structures, aware


class MeetingForm(forms.ModelForm):
    day = PlausibleDateField(label="Date", widget=DateInput())
    start_time = forms.TimeField(label="Heure de début", widget=TimeInput(), initial=time(9, 30))
    end_time = forms.TimeField(label="Heure de fin", widget=TimeInput(), required=False, initial=time(12, 0))

    class Meta:
        model = Meeting
        fields = ["title", "place", "agenda"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["title", "day", "start_time", "end_time", "place", "agenda"])
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            self.initial.update(day=starts.date(), start_time=starts.time().replace(second=0, microsecond=0))
            if self.instance.ends_at:
                self.initial["end_time"] = timezone.localtime(self.instance.ends_at).time().replace(second=0)

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end and end <= start:
            self.add_error("end_time", "L'heure de fin doit suivre l'heure de début.")
        return cleaned

    def save(self, commit=True):
        meeting = super().save(commit=False)
        data = self.cleaned_data
        meeting.starts_at = aware(data["day"], data["start_time"])
        meeting.ends_at = aware(data["day"], data["end_time"]) if data.get("end_time") else None
        if commit:
            meeting.save()
        return meeting


class MemberChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        who = obj.representative_name or "représentant·e"
        return f"{obj.structure.name} ({who})"


class MeetingReportForm(forms.Form):
    """What happened: who attended, the minutes, the decisions."""

    present = MemberChoiceField(
        label="Membres du comité présents", queryset=CommitteeMember.objects.none(), required=False
    )
    excused = MemberChoiceField(
        label="Membres du comité excusés", queryset=CommitteeMember.objects.none(), required=False
    )
    others = forms.CharField(
        label="Autres participant·es",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Une personne par ligne : « Prénom Nom – Organisme ».",
    )
    guests = forms.CharField(
        label="Invité·es",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Une personne par ligne : « Prénom Nom – Organisme ».",
    )
    minutes = forms.CharField(label="Compte rendu", required=False, widget=forms.Textarea(attrs={"rows": 10}))
    minutes_file = forms.FileField(
        label="Compte rendu (fichier)", required=False, help_text="Facultatif : PDF, ODT, DOC, DOCX, 10 Mo au plus."
    )
    decisions = forms.CharField(
        label="Décisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Une décision par ligne.",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        members = meeting.committee.members.select_related("structure")
        self.fields["present"].queryset = members
        self.fields["excused"].queryset = members
        self.fields["minutes_file"].validators = list(Meeting._meta.get_field("minutes_file").validators)

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("present") or []) & set(cleaned.get("excused") or [])
        if both:
            self.add_error("excused", "Un membre ne peut pas être à la fois présent et excusé.")
        return cleaned


class CommitteeStructuresForm(forms.Form):
    structures = StructureMultipleChoiceField(label="Structures membres", queryset=active_structures(), required=False)

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        current = committee.members.values_list("structure_id", flat=True)
        if committee.territory_id:
            queryset = active_structures().filter(territory_id=committee.territory_id) | active_structures().filter(
                pk__in=current
            )
            self.fields["structures"].queryset = queryset.distinct()
        self.fields["structures"].initial = list(current)


class CommitteeMemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["representative_name", "representative_role", "representative_email"]


class CoordinatorForm(forms.ModelForm):
    email = forms.EmailField(
        label="Adresse e-mail du compte", help_text="Le compte est créé s'il n'existe pas encore (sans mot de passe)."
    )
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    structure = StructureChoiceField(label="Structure employeuse", queryset=active_structures())

    class Meta:
        model = Coordinator
        fields = [
            "role",
            "area",
            "school_year",
            "designated_on",
            "designation_meeting",
            "structure",
            "job_title",
            "phone",
        ]
        widgets = {"designated_on": DateInput()}

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "first_name", "last_name"])
        self.fields["school_year"].initial = current_school_year()
        meetings = Meeting.objects.filter(committee__territory=territory).order_by("-starts_at")
        self.fields["designation_meeting"].queryset = meetings
        self.fields["designation_meeting"].required = True
        self.fields["structure"].queryset = active_structures().filter(territory=territory)

    def save_user(self):
        data = self.cleaned_data
        user, created = get_user_model().objects.get_or_create(
            email=data["email"].lower(), defaults={"first_name": data["first_name"], "last_name": data["last_name"]}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user


class RegionContactForm(forms.ModelForm):
    class Meta:
        model = RegionContact
        fields = ["name", "email", "phone"]
