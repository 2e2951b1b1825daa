from django import forms
from django.core.exceptions import ValidationError

from apps.directory.models import Service, Structure
from apps.geo.models import Territory

from .frameworks import FrameworkError, parse_text
from .models import Evidence, ProfessionalProfile, SkillFramework


class TreeForm(forms.Form):
    """One level (radio) and one wish (checkbox) per skill of a domain list."""

    def __init__(self, *args, tree=None, levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Non renseigné")] + [(str(lv.value), f"{lv.value} — {lv.label}") for lv in levels]
        self.rows = []
        for domain in tree or []:
            for row in domain.rows:
                level_name, wish_name = f"level_{row.skill.pk}", f"wish_{row.skill.pk}"
                self.fields[level_name] = forms.ChoiceField(
                    label=row.skill.label, choices=choices, required=False, widget=forms.Select
                )
                self.fields[wish_name] = forms.BooleanField(label="Je souhaite la développer", required=False)
                self.initial[level_name] = str(row.level) if row.level else ""
                self.initial[wish_name] = row.aspiration
                self.rows.append((row, level_name, wish_name))

    def by_domain(self, tree) -> list:
        """[(domain, [(row, level field, wish field)])] for the template."""
        fields = {row.skill.pk: (self[level_name], self[wish_name]) for row, level_name, wish_name in self.rows}
        return [(d, [(row, *fields[row.skill.pk]) for row in d.rows]) for d in tree]

    def answers(self) -> dict:
        result = {}
        for row, level_name, wish_name in self.rows:
            level = self.cleaned_data.get(level_name)
            result[row.skill] = (int(level) if level else None, bool(self.cleaned_data.get(wish_name)))
        return result


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["kind", "title", "text", "url", "file"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if not (data.get("text") or data.get("url") or data.get("file")) and not self.errors:
            raise ValidationError(
                "Ajoutez un récit, un lien ou un fichier : une expérience ou un outil vide n'aide personne."
            )
        return data


class EndorsementRequestForm(forms.Form):
    colleague_email = forms.EmailField(
        label="Adresse e-mail professionnelle du ou de la collègue",
        help_text="Le lien, valable 14 jours et une seule fois, ne fonctionne que pour son compte sur la plateforme.",
    )
    message = forms.CharField(label="Message (facultatif)", max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_colleague_email(self):
        email = self.cleaned_data["colleague_email"].strip().lower()
        if self.user is not None and email == self.user.email.lower():
            raise ValidationError("Adresse e-mail du ou de la collègue : demandez à une autre personne que vous-même.")
        return email


class EndorseForm(forms.Form):
    comment = forms.CharField(label="Un mot sur ce que vous avez vu (facultatif)", max_length=300, required=False)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = ProfessionalProfile
        fields = ["structure", "job_title", "phone", "listed", "is_spro_contact", "services", "pairing_consent"]
        widgets = {"services": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        structures = Structure.objects.filter(memberships__user=user).order_by("name")
        self.fields["structure"].queryset = structures
        self.fields["structure"].required = False
        self.fields["services"].queryset = Service.objects.filter(structure__in=structures, is_active=True).order_by(
            "structure__name", "name"
        )

    def clean(self):
        data = super().clean()
        services = data.get("services")
        structure = data.get("structure")
        if services and structure and any(s.structure_id != structure.pk for s in services):
            self.add_error("services", "Services dont je suis le contact : choisissez des services de votre structure.")
        if data.get("is_spro_contact") and not structure:
            self.add_error("structure", "Structure : le contact SPRO l'est pour une structure, choisissez-la.")
        return data


class FrameworkTextForm(forms.Form):
    code = forms.SlugField(label="Code", max_length=60, help_text="Lettres minuscules, chiffres et tirets.")
    title = forms.CharField(label="Titre", max_length=200)
    audience = forms.CharField(label="Public", max_length=200, required=False)
    source = forms.CharField(label="Source", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    strong_level = forms.IntegerField(
        label="Niveau à partir duquel on peut aider un·e collègue", min_value=1, max_value=10, initial=3
    )
    note = forms.CharField(label="Ce qui change dans cette version", max_length=300, required=False)
    text = forms.CharField(
        label="Niveaux, domaines et compétences",
        widget=forms.Textarea(attrs={"rows": 30, "class": "mono"}),
        help_text="Une ligne par élément : « Niveau 1 | nom | énoncé », « ## numéro | intitulé du domaine », "
        "« Résumé : … », « - clé | compétence » (sans clé pour une nouvelle compétence).",
    )

    def __init__(self, *args, existing_code: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_code = existing_code
        if existing_code:
            self.fields["code"].disabled = True

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not self.existing_code and SkillFramework.objects.filter(code=code).exists():
            raise ValidationError("Code : un référentiel porte déjà ce code ; faites-en une nouvelle version.")
        return code

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["spec"] = parse_text(
                data["text"],
                code=data["code"],
                title=data["title"],
                audience=data.get("audience", ""),
                source=data.get("source", ""),
                strong_level=data["strong_level"],
            )
        except FrameworkError as error:
            for message in error.errors:
                self.add_error("text", message)
        return data


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Nom, fonction ou structure", required=False, max_length=100)
    territory = forms.ModelChoiceField(
        label="Territoire", queryset=Territory.objects.exclude(kind=Territory.Kind.REGION), required=False
    )
    contacts = forms.BooleanField(label="Contacts SPRO seulement", required=False)
    skill = forms.ChoiceField(label="Compétence qu'ils ou elles peuvent transmettre", required=False)

    def __init__(self, *args, skill_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", "Toutes")] + list(skill_choices)
