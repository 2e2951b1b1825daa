from django import forms

from apps.core import region_pack
from apps.geo.selectors import resolve_commune

from .models import InfoType, Network, Place, Service, Status, Structure, Theme


class StructureForm(forms.ModelForm):
    class Meta:
        model = Structure
        fields = ["name", "network", "territory", "description", "website", "email", "phone", "siret"]

    def __init__(self, *args, can_change_network: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_change_network:
            # The network and territory shape routing and governance: only the Region changes them.
            del self.fields["network"]
            del self.fields["territory"]


class StructureCreateForm(StructureForm):
    class Meta(StructureForm.Meta):
        fields = ["slug", *StructureForm.Meta.fields]
        help_texts = {"slug": "Identifiant stable dans les adresses et les exports (lettres, chiffres, tirets)."}


class PlaceForm(forms.ModelForm):
    commune_text = forms.CharField(
        label="Commune",
        max_length=100,
        help_text=region_pack.lazy_text(
            "Nom ou code postal, par exemple « {example_commune} » ou « {example_postal_code} »."
        ),
        widget=forms.TextInput(attrs={"list": "communes-suggestions", "autocomplete": "off"}),
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "address",
            "address_complement",
            "postal_code",
            "phone",
            "email",
            "opening_hours",
            "step_free",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["commune_text"].initial = self.instance.commune.label
        self.order_fields(["name", "address", "address_complement", "postal_code", "commune_text"])

    def clean_commune_text(self):
        commune = resolve_commune(self.cleaned_data["commune_text"])
        if commune is None:
            raise forms.ValidationError("Commune : aucune commune ne correspond à cette saisie.")
        return commune

    def clean(self):
        cleaned = super().clean()
        commune, postal_code = cleaned.get("commune_text"), cleaned.get("postal_code")
        if commune and postal_code and postal_code not in commune.postal_codes.split():
            self.add_error(
                "postal_code",
                f"Code postal : {postal_code} n'est pas un code postal de {commune.name} "
                f"({commune.postal_codes.replace(' ', ', ')}).",
            )
        return cleaned

    def save(self, commit=True):
        place = super().save(commit=False)
        commune = self.cleaned_data["commune_text"]
        if place.commune_id != commune.code or not place.latitude:
            place.commune = commune
            place.latitude, place.longitude = commune.latitude, commune.longitude
        if commit:
            place.save()
        return place


class ServiceForm(forms.ModelForm):
    access_modes = forms.MultipleChoiceField(
        label="Comment y accéder",
        choices=list(Service.ACCESS_MODES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    remote_modes = forms.MultipleChoiceField(
        label="Également à distance",
        choices=list(Service.REMOTE_MODES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    place_ids = forms.MultipleChoiceField(
        label="Lieux où le service est rendu", widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "type",
            "statuses",
            "themes",
            "info_types",
            "cep_level",
            "access_modes",
            "remote_modes",
            "reach",
            "conditions",
            "fee",
            "fee_details",
            "phone",
            "email",
            "website",
        ]
        widgets = {
            "statuses": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "info_types": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "statuses": "Ne cochez rien si le service s'adresse à toutes les situations.",
            "themes": "Ne cochez rien si le service traite de tous les thèmes.",
        }

    def __init__(self, *args, structure: Structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.fields["statuses"].queryset = Status.objects.filter(is_active=True)
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["info_types"].queryset = InfoType.objects.filter(is_active=True)
        places = structure.places.filter(is_active=True).select_related("commune")
        self.fields["place_ids"].choices = [(str(p.pk), str(p)) for p in places]
        if self.instance.pk:
            self.fields["place_ids"].initial = [str(pk) for pk in self.instance.places.values_list("pk", flat=True)]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place_ids") and not cleaned.get("remote_modes"):
            raise forms.ValidationError(
                "Lieux : cochez au moins un lieu, ou indiquez que le service est rendu à distance."
            )
        return cleaned

    def save_reach_code(self, service: Service) -> None:
        region_or_dept = {
            Service.Reach.REGION: lambda: self._first_place_commune().departement.region_id,
            Service.Reach.DEPARTEMENT: lambda: self._first_place_commune().departement_id,
        }
        compute = region_or_dept.get(service.reach)
        service.reach_code = compute() if compute and self._first_place_commune() else ""

    def _first_place_commune(self):
        place = self.structure.places.select_related("commune__departement").first()
        return place.commune if place else None


class VocabularyForm(forms.ModelForm):
    class Meta:
        fields = ["code", "label", "position", "is_active"]


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["code", "label", "publics", "cep_operator", "position", "is_active"]
