"""The filters of a dashboard (period, breakdown) and the comments of the CREFOP synthesis."""

import re
from datetime import date

from django import forms
from django.db.models import Min
from django.utils import timezone

from apps.core.bounds import FIRST_YEAR, MAX_PERIOD_MONTHS

from .dashboards import breakdown_choices
from .filters import Period, month_start
from .models import MonthlyStat

LAST_12 = "12-mois"
CUSTOM = "personnalisee"
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def available_years(today: date | None = None) -> list[int]:
    """Civil years with data, most recent first (always the current one)."""
    today = today or timezone.localdate()
    first_month = MonthlyStat.objects.filter(months=1).aggregate(first=Min("month"))["first"]
    first = first_month.year if first_month else today.year
    return list(range(today.year, max(first, today.year - 15) - 1, -1))


class MonthField(forms.CharField):
    """A month typed as AAAA-MM (the native month picker where the browser has one)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "AAAA-MM", "pattern": r"\d{4}-\d{2}"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = MONTH_RE.match(value.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError("Saisissez un mois au format AAAA-MM, par exemple 2026-01.")
        if not FIRST_YEAR <= int(match.group(1)) <= timezone.localdate().year:
            raise forms.ValidationError(
                f"Choisissez un mois entre {FIRST_YEAR} et l'année en cours : le SPRO n'a pas de données avant."
            )
        return date(int(match.group(1)), int(match.group(2)), 1)


class DashboardFilterForm(forms.Form):
    periode = forms.ChoiceField(label="Période", required=False)
    debut = MonthField(label="Du mois", required=False, help_text="Période personnalisée : AAAA-MM.")
    fin = MonthField(label="Au mois", required=False, help_text="Inclus. AAAA-MM.")
    ventilation = forms.ChoiceField(label="Ventiler les premiers accueils par", required=False)

    def __init__(self, *args, kind: str = "region", today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        choices = [(LAST_12, "Les 12 derniers mois")]
        choices += [(str(year), f"Année {year}") for year in available_years(self.today)]
        choices.append((CUSTOM, "Période personnalisée (mois de début et de fin)"))
        self.fields["periode"].choices = choices
        self.fields["ventilation"].choices = breakdown_choices(kind)

    def clean(self):
        data = super().clean()
        if (data.get("debut") or data.get("fin")) and data.get("periode") in ("", LAST_12):
            data["periode"] = CUSTOM  # months typed without choosing "période personnalisée"
        if data.get("periode") == CUSTOM:
            start, end = data.get("debut"), data.get("fin")
            if not start or not end:
                raise forms.ValidationError(
                    "Pour une période personnalisée, indiquez le mois de début et le mois de fin."
                )
            if start > end:
                self.add_error("fin", "Le mois de fin doit suivre le mois de début.")
            elif (end.year - start.year) * 12 + end.month - start.month >= MAX_PERIOD_MONTHS:
                self.add_error("fin", f"Au mois : une période personnalisée couvre {MAX_PERIOD_MONTHS} mois au plus.")
        return data

    def period(self) -> Period:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        choice = data.get("periode") or LAST_12
        if choice == CUSTOM:
            return Period(data["debut"], data["fin"])
        if choice.isdigit():
            return Period.year(int(choice))
        return Period.last_twelve_months(self.today)

    def breakdown(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("ventilation") or "channel"

    @property
    def current_month(self) -> date:
        return month_start(self.today)


class SynthesisForm(DashboardFilterForm):
    """The CREFOP synthesis: the period, and the Region's own comment on each family of indicators."""

    capture = forms.CharField(
        label="Commentaire : captation des publics",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    first_door = forms.CharField(
        label="Commentaire : accès à la 1re porte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    second_door = forms.CharField(
        label="Commentaire : aiguillage vers la 2e porte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    interconnaissance = forms.CharField(
        label="Commentaire : interconnaissance",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    public = forms.CharField(
        label="Commentaire : côté public", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    conclusion = forms.CharField(
        label="Conclusion et perspectives", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kind="region", **kwargs)
        del self.fields["ventilation"]

    def comments(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        keys = ("capture", "first_door", "second_door", "interconnaissance", "public", "conclusion")
        return {key: (data.get(key) or "").strip() for key in keys}
