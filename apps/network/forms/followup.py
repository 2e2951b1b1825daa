"""Forms of the consumption follow-up, the signing in the platform and the barometer."""

from django import forms

from apps.core.bounds import PlausibleDateField
from apps.directory.models import Structure
from apps.programme.models import Registration

from ..models import BarometerResponse, PlannedAction
from ..synthesis import THEME_LABELS
from .common import DateInput, EuroField


class SpendingForm(forms.Form):
    action = forms.ModelChoiceField(
        label="Action du programme d'activités",
        queryset=PlannedAction.objects.none(),
        required=False,
        empty_label="Autre dépense (hors action du programme)",
    )
    label = forms.CharField(label="Libellé de la dépense", max_length=200)
    amount_cents = EuroField(label="Montant")
    spent_on = PlausibleDateField(label="Date de la dépense", widget=DateInput())

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: a.title


class TravelForm(forms.Form):
    registration = forms.ModelChoiceField(
        label="Inscription avec demande de frais de déplacement", queryset=Registration.objects.none()
    )
    amount_cents = EuroField(label="Montant des frais de déplacement")

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = registrations
        self.fields["registration"].label_from_instance = lambda r: (
            f"{r.user.get_full_name() or r.user.email} ({r.structure.name}) — {r.session.title}, "
            f"{r.session.starts_at:%d/%m/%Y}"
        )


class ApprovalForm(forms.Form):
    structure = forms.ModelChoiceField(
        label="Structure pour laquelle vous signez", queryset=Structure.objects.none(), empty_label=None
    )
    signer_title = forms.CharField(
        label="Votre fonction",
        max_length=150,
        help_text="À quel titre vous engagez la structure (directrice, président…).",
    )
    confirm = forms.BooleanField(
        label="J'ai lu ce document et j'approuve sa signature au nom de la structure choisie.",
        error_messages={"required": "Cochez la case d'approbation pour signer."},
    )

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures
        self.fields["structure"].label_from_instance = lambda s: s.name


class BarometerOpenForm(forms.Form):
    year = forms.IntegerField(label="Année", min_value=2015, max_value=2100)
    opens_on = PlausibleDateField(label="Ouvert le", widget=DateInput())
    closes_on = PlausibleDateField(label="Clos le", widget=DateInput())


SCALE = [
    (n, label)
    for n, label in (
        (1, "1 — Pas du tout"),
        (2, "2 — Peu"),
        (3, "3 — Moyennement"),
        (4, "4 — Plutôt"),
        (5, "5 — Tout à fait"),
    )
]


class BarometerAnswerForm(forms.Form):
    territory = forms.ModelChoiceField(
        label="Votre territoire SPRO", queryset=Structure.objects.none(), empty_label=None
    )
    meets_expectations = forms.TypedChoiceField(
        label=BarometerResponse._meta.get_field("meets_expectations").verbose_name.capitalize(),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    knows_partners = forms.TypedChoiceField(
        label=BarometerResponse._meta.get_field("knows_partners").verbose_name.capitalize(),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    needs = forms.MultipleChoiceField(
        label="Vos besoins prioritaires envers le SPRO local",
        choices=list(THEME_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expectations_text = forms.CharField(
        label="Vos attentes", max_length=1500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    needs_text = forms.CharField(
        label="Vos besoins, en quelques mots", max_length=1500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories
        self.fields["territory"].label_from_instance = lambda t: t.name
