from django import forms

from apps.core import region_pack
from apps.directory.models import InfoType, Status, Theme
from apps.directory.selectors import DEFAULT_RADIUS_KM, SearchCriteria
from apps.geo.selectors import resolve_commune
from apps.orientation.routing import routed_networks

RADIUS_CHOICES = [(10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km"), (100, "100 km")]


class SearchForm(forms.Form):
    """The public search by service: where, who, what about, which kind of help."""

    lieu = forms.CharField(
        label="Commune ou code postal",
        required=False,
        max_length=100,
        help_text=region_pack.lazy_text("Par exemple : {example_search}"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "communes-suggestions", "type": "search"}),
    )
    statut = forms.ChoiceField(label="Votre situation", required=False)
    theme = forms.ChoiceField(label="Votre question porte sur", required=False)
    type = forms.ChoiceField(label="Vous souhaitez", required=False)
    rayon = forms.TypedChoiceField(
        label="Distance maximale", choices=RADIUS_CHOICES, coerce=int, required=False, initial=DEFAULT_RADIUS_KM
    )
    q = forms.CharField(label="Mots-clés (facultatif)", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statut"].choices = _choices(Status, "Toutes les situations")
        self.fields["theme"].choices = _choices(Theme, "Tous les thèmes")
        self.fields["type"].choices = _choices(InfoType, "Tous les types d'aide")

    def clean_lieu(self):
        text = self.cleaned_data["lieu"].strip()
        if not text:
            return None
        commune = resolve_commune(text)
        if commune is None:
            raise forms.ValidationError(
                "Commune ou code postal : « %(text)s » ne correspond à aucune commune. "
                "Vérifiez l'orthographe ou saisissez le code postal.",
                params={"text": text},
            )
        return commune

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        status, theme = data.get("statut") or "", data.get("theme") or ""
        return SearchCriteria(
            commune=data.get("lieu"),
            status=status,
            theme=theme,
            info_type=data.get("type") or "",
            radius_km=data.get("rayon") or DEFAULT_RADIUS_KM,
            q=data.get("q") or "",
            networks=tuple(routed_networks(status, theme)),
        )


def _choices(model, empty_label):
    return [("", empty_label)] + [(v.code, v.label) for v in model.objects.filter(is_active=True)]
