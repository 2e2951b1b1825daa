"""Public forms of the training domain: the training search and the person's situation (never stored)."""

from django import forms
from django.urls import reverse_lazy

from apps.core import region_pack
from apps.directory.models import Status
from apps.geo.selectors import resolve_commune

from .funding import Person
from .models import LEVELS, TeachingMode
from .selectors import DEFAULT_RADIUS_KM, TrainingCriteria, resolve_job
from .services import formacode_domains

RADIUS_CHOICES = [(10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km"), (100, "100 km")]
AGE_MIN, AGE_MAX = 14, 99


def _commune_widget():
    return forms.TextInput(
        attrs={
            "autocomplete": "off",
            "list": "communes-suggestions",
            "hx-get": reverse_lazy("public:commune_suggestions"),
            "hx-trigger": "input changed delay:250ms",
            "hx-target": "#communes-suggestions",
            "hx-push-url": "false",
        }
    )


class SituationForm(forms.Form):
    """The person's situation, to show the funding that may apply and the doors near them. Sent by GET."""

    lieu = forms.CharField(
        label="Commune ou code postal", max_length=100, required=False, widget=_commune_widget(),
        help_text=region_pack.lazy_text("Par exemple : {example_search}"),
    )  # fmt: skip
    statut = forms.ChoiceField(label="Votre situation", required=False)
    age = forms.IntegerField(
        label="Votre âge", required=False, min_value=AGE_MIN, max_value=AGE_MAX,
        error_messages={
            "invalid": "Votre âge : écrivez un nombre, par exemple 32.",
            "min_value": f"Votre âge : au moins {AGE_MIN} ans.",
            "max_value": f"Votre âge : au plus {AGE_MAX} ans.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    handicap = forms.BooleanField(label="Je suis en situation de handicap (RQTH ou démarche en cours)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = Status.objects.filter(is_active=True).order_by("position", "label")
        self.fields["statut"].choices = [("", "Je ne précise pas")] + [(s.code, s.label) for s in statuses]

    def clean_lieu(self):
        text = self.cleaned_data["lieu"].strip()
        if not text:
            return None
        commune = resolve_commune(text)
        if commune is None:
            raise forms.ValidationError(
                f"Commune ou code postal : « {text} » n'a pas été trouvé ; essayez un code postal."
            )
        return commune

    def person(self) -> Person:
        data = self.cleaned_data if self.is_valid() else {}
        return Person(status=data.get("statut") or "", age=data.get("age"), handicap=bool(data.get("handicap")))

    def commune(self):
        return self.cleaned_data.get("lieu") if self.is_valid() else None


class TrainingSearchForm(SituationForm):
    q = forms.CharField(label="Mots-clés", max_length=100, required=False, help_text="Par exemple : aide-soignant")
    metier = forms.CharField(
        label="Métier visé", max_length=200, required=False,
        help_text="Un métier du ROME, par exemple : Aide-soignant",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off", "list": "metiers-suggestions",
                "hx-get": reverse_lazy("training:job_suggestions"),
                "hx-trigger": "input changed delay:250ms", "hx-target": "#metiers-suggestions", "hx-push-url": "false",
            }
        ),
    )  # fmt: skip
    domaine = forms.ChoiceField(label="Domaine (Formacode)", required=False)
    rayon = forms.TypedChoiceField(
        label="Dans un rayon de", choices=RADIUS_CHOICES, coerce=int, required=False, empty_value=DEFAULT_RADIUS_KM,
        initial=DEFAULT_RADIUS_KM,
    )  # fmt: skip
    debut = forms.DateField(
        label="Commence après le", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Commence après le : écrivez une date, par exemple 01/02/2027."},
    )  # fmt: skip
    modalite = forms.TypedChoiceField(
        label="Modalité",
        choices=[("", "Toutes")] + list(TeachingMode.choices),
        coerce=int,
        required=False,
        empty_value=None,
    )
    niveau = forms.ChoiceField(label="Niveau visé", choices=[("", "Tous")] + list(LEVELS.items()), required=False)
    financee = forms.BooleanField(label="Financée pour ma situation", required=False)

    field_order = [
        "q",
        "metier",
        "lieu",
        "rayon",
        "domaine",
        "debut",
        "modalite",
        "niveau",
        "statut",
        "age",
        "handicap",
        "financee",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domaine"].choices = [("", "Tous")] + [
            (code, f"{label}") for code, label in sorted(formacode_domains().items(), key=lambda item: item[1])
        ]

    def clean_metier(self):
        text = self.cleaned_data["metier"].strip()
        if not text:
            return None
        job = resolve_job(text)
        if job is None:
            raise forms.ValidationError(
                f"Métier visé : « {text} » n'est pas un métier connu ; choisissez-le dans la liste."
            )
        return job

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("financee") and not cleaned.get("statut"):
            self.add_error(
                "statut", "Votre situation : indiquez-la pour ne voir que les formations financées pour vous."
            )
        return cleaned

    def criteria(self) -> TrainingCriteria:
        data = self.cleaned_data
        job = data.get("metier")
        return TrainingCriteria(
            q=data.get("q") or "",
            rome=job.code if job else "",
            domain=data.get("domaine") or "",
            commune=data.get("lieu"),
            radius_km=data.get("rayon") or DEFAULT_RADIUS_KM,
            start_after=data.get("debut"),
            mode=data.get("modalite"),
            level=data.get("niveau") or "",
            person=self.person(),
            funded_only=bool(data.get("financee")),
        )
