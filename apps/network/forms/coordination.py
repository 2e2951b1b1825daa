"""Forms of the candidate structures and of the needs raised to the COTECH SPRO."""

from django import forms
from django.utils import timezone

from ..models import Candidate, Committee, Meeting, Need
from .common import StructureChoiceField, active_structures


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} du {timezone.localtime(obj.starts_at):%d/%m/%Y}"


class CandidateForm(forms.ModelForm):
    structure = StructureChoiceField(
        label="Structure de l'annuaire",
        queryset=active_structures(),
        required=False,
        help_text="Laissez vide et saisissez son nom si elle n'est pas dans l'annuaire.",
    )

    class Meta:
        model = Candidate
        fields = ["structure", "proposed_name", "role", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        parties = territory.conventions.filter(signatories__removed_on__isnull=True).values("signatories__structure")
        self.fields["structure"].queryset = active_structures().exclude(pk__in=parties)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("structure") and not (cleaned.get("proposed_name") or "").strip():
            self.add_error("proposed_name", "Choisissez une structure de l'annuaire ou saisissez son nom.")
        return cleaned


class CandidateActionForm(forms.Form):
    """The decision on a candidate: the committee meeting that decided, the structure (to accept), a note."""

    meeting = MeetingChoiceField(label="Réunion du comité qui a décidé", queryset=Meeting.objects.none())
    structure = StructureChoiceField(
        label="Structure de l'annuaire",
        queryset=active_structures(),
        help_text="La structure qui signera l'avenant d'entrée.",
    )
    note = forms.CharField(label="Suivi", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, candidate: Candidate, transition, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        if transition.needs_meeting:
            committee_meetings = Meeting.objects.filter(
                committee__territory_id=candidate.territory_id, starts_at__lte=timezone.now()
            )
            self.fields["meeting"].queryset = committee_meetings.order_by("-starts_at")
        else:
            del self.fields["meeting"]
        if action != "accept" or candidate.structure_id:
            del self.fields["structure"]


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["theme", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class NeedScheduleForm(forms.Form):
    meeting = MeetingChoiceField(label="Réunion du COTECH SPRO", queryset=Meeting.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        upcoming = Meeting.objects.filter(committee__kind=Committee.Kind.COTECH, starts_at__gte=timezone.now())
        self.fields["meeting"].queryset = upcoming.order_by("starts_at")


class NeedAnswerForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
