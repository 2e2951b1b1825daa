"""Forms of conventions, signatories, signatures, documents and amendments."""

from datetime import date

from django import forms
from django.utils import timezone

from apps.core.bounds import PlausibleDateField
from apps.geo.models import Territory

from ..models import Amendment, Convention, Signatory
from ..models.common import FIRST_YEAR, LAST_YEAR
from .common import DateInput, StructureChoiceField, StructureMultipleChoiceField, active_structures


class ConventionCreateForm(forms.Form):
    territory = forms.ModelChoiceField(
        label="Territoire SPRO", queryset=Territory.objects.exclude(kind="region").order_by("departement_id", "name")
    )
    year = forms.IntegerField(
        label="Année civile",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="La convention court du 1er janvier au 31 décembre de cette année.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1

    def clean(self):
        cleaned = super().clean()
        territory, year = cleaned.get("territory"), cleaned.get("year")
        if territory and year and Convention.objects.filter(territory=territory, year=year).exists():
            raise forms.ValidationError(f"Le territoire {territory} a déjà une convention pour {year}.")
        return cleaned


class ConventionForm(forms.ModelForm):
    class Meta:
        model = Convention
        fields = ["start_date", "end_date", "notes"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", "La date de fin doit suivre la date de début.")
        return cleaned


class SignatoriesForm(forms.Form):
    structures = StructureMultipleChoiceField(
        label="Structures du territoire", queryset=active_structures(), required=False
    )
    other = StructureChoiceField(
        label="Autre structure de l'annuaire",
        queryset=active_structures(),
        required=False,
        help_text="Par exemple un partenaire ressource régional (PRC-VAE, CRIA, CIDFF) ou l'équipe d'appui régionale.",
    )
    role = forms.ChoiceField(
        label="Qualité", choices=Signatory.Role.choices, initial=Signatory.Role.MEMBER, widget=forms.RadioSelect
    )

    def __init__(self, *args, convention: Convention, **kwargs):
        super().__init__(*args, **kwargs)
        taken = convention.signatories.values_list("structure_id", flat=True)
        local = active_structures().filter(territory=convention.territory).exclude(pk__in=taken)
        self.fields["structures"].queryset = local
        self.fields["other"].queryset = active_structures().exclude(pk__in=taken)

    def clean(self):
        cleaned = super().clean()
        chosen = list(cleaned.get("structures") or [])
        if cleaned.get("other"):
            chosen.append(cleaned["other"])
        if not chosen and not self.errors:
            raise forms.ValidationError("Choisissez au moins une structure.")
        cleaned["chosen"] = chosen
        return cleaned


class SignaturesForm(forms.Form):
    """One date per awaited signature, or one date for all of them."""

    same_date = PlausibleDateField(
        label="Même date pour toutes les signatures attendues",
        required=False,
        widget=DateInput(),
        help_text="Facultatif : remplit toutes les dates laissées vides ci-dessous.",
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"sig_{row.pk}"] = PlausibleDateField(
                label=f"Date de signature — {row.structure.name}",
                required=False,
                initial=row.signed_on,
                widget=DateInput(),
            )

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name, value in cleaned.items():
            if isinstance(value, date) and value > today:
                self.add_error(name, "La date de signature ne peut pas être dans le futur.")
        return cleaned

    def dates(self) -> dict[int, date]:
        same = self.cleaned_data.get("same_date")
        result = {}
        for row in self.rows:
            value = self.cleaned_data.get(f"sig_{row.pk}") or (same if row.signed_on is None else None)
            if value:
                result[row.pk] = value
        return result


class DocumentForm(forms.Form):
    document = forms.FileField(label="Document signé", help_text="PDF, ODT, DOC, DOCX ou image, 10 Mo au plus.")

    def __init__(self, *args, model_field, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].validators = list(model_field.validators)


class AmendmentForm(forms.Form):
    subject = forms.CharField(label="Objet de l'avenant", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    add_structure = StructureChoiceField(
        label="Partenaire ajouté", queryset=active_structures(), required=False, help_text="Facultatif."
    )
    add_role = forms.ChoiceField(
        label="Qualité du partenaire ajouté",
        choices=Signatory.Role.choices,
        initial=Signatory.Role.MEMBER,
        widget=forms.RadioSelect,
    )
    remove_structures = StructureMultipleChoiceField(
        label="Partenaires retirés", queryset=active_structures(), required=False
    )
    new_start_date = PlausibleDateField(label="Nouvelle date de début", required=False, widget=DateInput())
    new_end_date = PlausibleDateField(label="Nouvelle date de fin", required=False, widget=DateInput())

    def __init__(self, *args, convention: Convention, **kwargs):
        super().__init__(*args, **kwargs)
        self.convention = convention
        parties = convention.signatories.filter(removed_on__isnull=True).values_list("structure_id", flat=True)
        self.fields["add_structure"].queryset = active_structures().exclude(pk__in=parties)
        self.fields["remove_structures"].queryset = active_structures().filter(pk__in=parties)

    def clean(self):
        cleaned = super().clean()
        changes = [cleaned.get(k) for k in ("add_structure", "remove_structures", "new_start_date", "new_end_date")]
        if not any(changes) and not self.errors:
            raise forms.ValidationError("Un avenant ajoute ou retire un partenaire, ou change les dates.")
        start = cleaned.get("new_start_date") or self.convention.start_date
        end = cleaned.get("new_end_date") or self.convention.end_date
        if start > end:
            self.add_error("new_end_date", "La date de fin doit suivre la date de début.")
        return cleaned


AMENDMENT_DOCUMENT_FIELD = Amendment._meta.get_field("signed_document")
CONVENTION_DOCUMENT_FIELD = Convention._meta.get_field("signed_document")
