"""Forms of the action plan and the annual activity report."""

from django import forms

from ..models import ActionPlan, AnnualReport, PlannedAction
from .common import DateInput, EuroField, StructureMultipleChoiceField, active_structures


class ActionPlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["priorities"]
        widgets = {"priorities": forms.Textarea(attrs={"rows": 4})}


class PlannedActionForm(forms.ModelForm):
    partners = StructureMultipleChoiceField(
        label="Structures partenaires", queryset=active_structures(), required=False
    )
    budget_cents = EuroField(label="Budget prévu", required=False)

    class Meta:
        model = PlannedAction
        fields = [
            "title",
            "aim",
            "public",
            "partners",
            "other_partners",
            "start_date",
            "end_date",
            "budget_line",
            "budget_cents",
            "status",
        ]
        widgets = {
            "aim": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "budget_line": forms.RadioSelect,
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.partners.values_list("pk", flat=True) if self.instance.pk else []
        local = active_structures().filter(territory=territory) | active_structures().filter(pk__in=list(current))
        self.fields["partners"].queryset = local.distinct()

    def clean_budget_cents(self):
        return self.cleaned_data.get("budget_cents") or 0

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La date de fin doit suivre la date de début.")
        return cleaned


class ReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = AnnualReport.TEXT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in AnnualReport.TEXT_FIELDS}
