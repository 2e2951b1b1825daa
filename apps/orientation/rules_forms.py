"""Forms of the routing rules management (region admins): a rule, and the preview of a situation."""

from django import forms
from django.urls import reverse_lazy

from apps.directory.models import Network, Service, Status, Theme
from apps.geo.selectors import resolve_commune

from .models import RoutingRule
from .routing import Situation

AGE_MIN, AGE_MAX = 0, 120
WEIGHT_MIN, WEIGHT_MAX = 1, 200


def _age_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=AGE_MIN,
        max_value=AGE_MAX,
        help_text="Vide : pas de limite.",
        error_messages={
            "invalid": f"{label} : saisissez un nombre entier d'années, ou laissez vide.",
            "min_value": f"{label} : saisissez un âge entre {AGE_MIN} et {AGE_MAX} ans.",
            "max_value": f"{label} : saisissez un âge entre {AGE_MIN} et {AGE_MAX} ans.",
        },
    )


class RoutingRuleForm(forms.ModelForm):
    age_min = _age_field("Âge minimum")
    age_max = _age_field("Âge maximum")
    handicap = forms.NullBooleanField(
        label="Situation de handicap",
        required=False,
        widget=forms.RadioSelect(
            choices=[
                ("", "Indifférent"),
                ("True", "Seulement les personnes en situation de handicap"),
                ("False", "Seulement les personnes qui ne sont pas en situation de handicap"),
            ]
        ),
    )
    weight = forms.IntegerField(
        label="Poids",
        min_value=WEIGHT_MIN,
        max_value=WEIGHT_MAX,
        initial=50,
        help_text=f"De {WEIGHT_MIN} à {WEIGHT_MAX} : plus il est élevé, plus la porte est proposée en premier. "
        "À poids égal, la règle qui a le plus de conditions passe devant.",
        error_messages={
            "required": f"Poids : saisissez un nombre entre {WEIGHT_MIN} et {WEIGHT_MAX}.",
            "invalid": f"Poids : saisissez un nombre entier entre {WEIGHT_MIN} et {WEIGHT_MAX}.",
            "min_value": f"Poids : saisissez un nombre entre {WEIGHT_MIN} et {WEIGHT_MAX}.",
            "max_value": f"Poids : saisissez un nombre entre {WEIGHT_MIN} et {WEIGHT_MAX}.",
        },
    )

    class Meta:
        model = RoutingRule
        fields = [
            "name",
            "age_min",
            "age_max",
            "statuses",
            "themes",
            "handicap",
            "network",
            "cep_level",
            "weight",
            "why",
        ]
        widgets = {
            "statuses": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "cep_level": forms.RadioSelect,
            "why": forms.Textarea(attrs={"rows": 3, "maxlength": 400}),
        }
        help_texts = {
            "statuses": "Aucune case cochée : toutes les situations.",
            "themes": "Aucune case cochée : toutes les questions.",
            "why": "Une ou deux phrases simples, affichées à la personne (400 caractères au plus).",
        }
        error_messages = {
            "name": {
                "required": "Nom de la règle : donnez un nom qui décrit la situation.",
                "max_length": "Nom de la règle : 150 caractères au plus.",
            },
            "network": {
                "required": "Réseau recommandé : choisissez le réseau vers lequel orienter la personne.",
                "invalid_choice": "Réseau recommandé : choisissez un réseau actif de la liste.",
            },
            "cep_level": {"required": "Niveau du CEP : choisissez le niveau 1, 2 ou 3."},
            "why": {
                "required": "Explication pour la personne : dites en une phrase pourquoi cette porte.",
                "max_length": "Explication pour la personne : 400 caractères au plus.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statuses"].queryset = Status.objects.filter(is_active=True)
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["network"].queryset = Network.objects.filter(is_active=True)
        self.fields["network"].empty_label = "Choisissez un réseau"
        self.fields["cep_level"].choices = Service.CepLevel.choices

    def clean(self):
        cleaned = super().clean()
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error(
                "age_max",
                f"Âge maximum : il doit être supérieur ou égal à l'âge minimum ({age_min} ans).",
            )
        return cleaned


class PreviewForm(forms.Form):
    """ "Quelle porte pour cette situation ?": try the rules on a situation, nothing is stored."""

    age = forms.IntegerField(
        label="Âge",
        required=False,
        min_value=AGE_MIN,
        max_value=AGE_MAX,
        error_messages={
            "invalid": "Âge : saisissez un nombre entier d'années.",
            "min_value": f"Âge : saisissez un âge entre {AGE_MIN} et {AGE_MAX} ans.",
            "max_value": f"Âge : saisissez un âge entre {AGE_MIN} et {AGE_MAX} ans.",
        },
    )
    statut = forms.ChoiceField(label="Situation", required=False)
    theme = forms.ChoiceField(label="Question", required=False)
    handicap = forms.BooleanField(label="En situation de handicap", required=False)
    lieu = forms.CharField(
        label="Commune ou code postal",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "list": "communes-suggestions",
                "hx-get": reverse_lazy("public:commune_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#communes-suggestions",
                "hx-push-url": "false",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statut"].choices = [("", "Toutes")] + [
            (s.code, s.label) for s in Status.objects.filter(is_active=True)
        ]
        self.fields["theme"].choices = [("", "Toutes")] + [
            (t.code, t.label) for t in Theme.objects.filter(is_active=True)
        ]
        for name in ("statut", "theme"):
            self.fields[name].error_messages["invalid_choice"] = (
                f"{self.fields[name].label} : choisissez une valeur de la liste."
            )

    def clean_lieu(self):
        text = self.cleaned_data["lieu"].strip()
        if not text:
            return None
        commune = resolve_commune(text)
        if commune is None:
            raise forms.ValidationError(f"Commune ou code postal : « {text} » ne correspond à aucune commune.")
        return commune

    def situation(self) -> Situation:
        data = self.cleaned_data
        return Situation(
            age=data.get("age"),
            status=data.get("statut") or "",
            theme=data.get("theme") or "",
            handicap=bool(data.get("handicap")),
            commune=data.get("lieu"),
        )
