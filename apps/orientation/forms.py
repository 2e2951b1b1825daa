from datetime import datetime

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from apps.core.bounds import check_plausible_date
from apps.directory.models import Place, Service, Status, Structure, Theme
from apps.geo.selectors import resolve_commune

from .models import PreInterviewQuestion, Reception, Referral, ReferralContact
from .personal_data import no_contact_details
from .services import default_place

phone_format = RegexValidator(
    r"^(\+33 ?|0)[1-9]([ .-]?\d{2}){4}$", "Téléphone : saisissez un numéro français, par exemple 06 12 34 56 78."
)


class ReceptionForm(forms.ModelForm):
    """A first reception in a few clicks: nothing that identifies the person."""

    structure = forms.ModelChoiceField(label="Structure qui accueille", queryset=Structure.objects.none())
    commune_text = forms.CharField(
        label="Commune de la personne (facultatif)",
        required=False,
        max_length=100,
        help_text="Nom ou code postal. À défaut, laissez vide.",
        widget=forms.TextInput(attrs={"list": "communes-suggestions", "autocomplete": "off"}),
    )
    actions = forms.MultipleChoiceField(
        label="Suite donnée", choices=list(Reception.ACTIONS.items()), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Reception
        fields = [
            "structure",
            "place",
            "date",
            "channel",
            "age_band",
            "sex",
            "status",
            "commune_text",
            "themes",
            "actions",
            "cep_level",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "channel": forms.RadioSelect,
            "age_band": forms.RadioSelect,
            "sex": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures
        if len(structures) == 1:
            self.fields["structure"].initial = structures[0]
            self.fields["structure"].widget = forms.HiddenInput()
        self._place_field(structures)
        if self.instance.pk:  # a correction: the structure stays, the commune is shown as typed
            self.fields["structure"].widget = forms.HiddenInput()
            commune = self.instance.commune
            self.fields["commune_text"].initial = f"{commune.name} ({commune.code})" if commune else ""
        else:
            self.fields["date"].initial = timezone.localdate()
        self.fields["cep_level"].label = "Type d'aide visée"
        self.fields["cep_level"].choices = list(Service.CEP_LEVEL_PLAIN.items())
        self.fields["status"].queryset = Status.objects.filter(is_active=True)
        self.fields["status"].empty_label = "Non renseignée"
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["sex"].choices = [("", "Non renseigné"), ("f", "Femme"), ("m", "Homme")]
        self.fields["channel"].choices = Reception.Channel.choices
        self.fields["channel"].initial = Reception.Channel.ON_SITE
        self.questions = list(PreInterviewQuestion.objects.filter(is_active=True))
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.ChoiceField(
                label=question.text,
                required=False,
                choices=[("", "Sans réponse")] + [(c, c) for c in question.choice_list],
                widget=forms.RadioSelect,
            )

    def _place_field(self, structures):
        """The places where the person may have been received: the active places of the user's structures."""
        places = Place.objects.filter(structure__in=structures, is_active=True).select_related("commune", "structure")
        field = self.fields["place"]
        field.queryset = places.order_by("structure__name", "pk")
        field.required = False  # left empty: the structure's main place (see clean)
        field.empty_label = None
        field.label = "Lieu de l'accueil"
        field.help_text = "Sert à proposer les portes les plus proches quand la commune de la personne est inconnue."
        field.label_from_instance = lambda place: f"{place.name} — {place.commune.name}"
        if not self.instance.pk and len(structures) == 1:
            field.initial = default_place(structures[0])
        if len(field.queryset) == 1:
            field.widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        structure, place = cleaned.get("structure"), cleaned.get("place")
        if structure and place and place.structure_id != structure.pk:
            self.add_error("place", "Lieu de l'accueil : choisissez un lieu de la structure qui accueille.")
        elif structure and not place:
            cleaned["place"] = default_place(structure)
        return cleaned

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("Date : un accueil ne peut pas être daté dans le futur.")
        check_plausible_date(date, "Date", allow_future=False)
        return date

    def clean_commune_text(self):
        text = self.cleaned_data["commune_text"].strip()
        if not text:
            return None
        commune = resolve_commune(text)
        if commune is None:
            raise forms.ValidationError("Commune : aucune commune ne correspond à cette saisie.")
        return commune

    def reception_data(self) -> dict:
        fields = ["place", "date", "channel", "age_band", "sex", "status", "actions", "cep_level"]
        data = {k: self.cleaned_data[k] for k in fields}
        commune = self.cleaned_data.get("commune_text")
        data["departement"] = commune.departement if commune else None
        data["grid_answers"] = {
            str(q.pk): self.cleaned_data[f"q_{q.pk}"] for q in self.questions if self.cleaned_data.get(f"q_{q.pk}")
        }
        return data


class ReferralForm(forms.Form):
    receiver = forms.ModelChoiceField(
        label="Structure à qui adresser la personne",
        queryset=Structure.objects.public().select_related("network").order_by("name"),
    )
    service = forms.ModelChoiceField(label="Service visé (facultatif)", queryset=Service.objects.none(), required=False)
    need = forms.CharField(
        label="Besoin exprimé (facultatif)",
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Décrivez la demande, sans nom, sans donnée de santé ni information sensible.",
        validators=[no_contact_details("Besoin exprimé")],
    )
    transmission_consent = forms.BooleanField(
        label="La personne a été informée et accepte que sa demande soit transmise à cette structure.",
        error_messages={"required": "Accord de la personne : la fiche navette ne peut partir qu'avec son accord."},
    )
    contact_consent = forms.BooleanField(
        label="La personne accepte que ses coordonnées soient transmises pour être recontactée.", required=False
    )
    first_name = forms.CharField(label="Prénom", max_length=60, required=False)
    preferred_channel = forms.ChoiceField(
        label="Être contacté·e par", choices=ReferralContact.Channel.choices, required=False
    )
    phone = forms.CharField(label="Téléphone", max_length=20, required=False, validators=[phone_format])
    email = forms.EmailField(label="E-mail", required=False)
    follow_up_consent = forms.BooleanField(
        label="La personne accepte de recevoir par e-mail, quelques semaines après la fin de la fiche, 4 questions "
        "anonymes sur ce qu'elle a donné (une seule relance).",
        required=False,
    )

    def __init__(self, *args, sender_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = self.fields["receiver"].queryset.exclude(pk__in=sender_ids)
        receiver_id = self.data.get("receiver") or self.initial.get("receiver")
        if receiver_id:
            self.fields["service"].queryset = Service.objects.public().filter(structure_id=receiver_id)

    def clean(self):
        cleaned = super().clean()
        contact_given = any(cleaned.get(k) for k in ["first_name", "phone", "email"])
        if contact_given and not cleaned.get("contact_consent"):
            raise forms.ValidationError(
                "Coordonnées : elles ne peuvent être transmises qu'avec l'accord de la personne. "
                "Cochez son accord ou effacez les coordonnées."
            )
        if cleaned.get("contact_consent"):
            self._check_contact(cleaned)
        if cleaned.get("follow_up_consent") and not (cleaned.get("contact_consent") and cleaned.get("email")):
            self.add_error(
                "follow_up_consent",
                "Questionnaire de suivi : il part par e-mail ; cochez l'accord pour les coordonnées et indiquez "
                "l'e-mail de la personne, ou décochez la case.",
            )
        return cleaned

    def _check_contact(self, cleaned):
        if not cleaned.get("first_name"):
            self.add_error("first_name", "Prénom : indiquez le prénom de la personne pour qu'elle soit reconnue.")
        channel = cleaned.get("preferred_channel")
        if channel == "phone" and not cleaned.get("phone"):
            self.add_error("phone", "Téléphone : obligatoire quand la personne veut être appelée.")
        if channel == "email" and not cleaned.get("email"):
            self.add_error("email", "E-mail : obligatoire quand la personne veut être contactée par e-mail.")
        if not channel:
            self.add_error("preferred_channel", "Être contacté·e par : choisissez le téléphone ou l'e-mail.")


NOTE_HELP = "Sans nom ni coordonnées de la personne : la précision est effacée avec ses coordonnées."


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label="Motif du refus", choices=[("", "Choisissez un motif")] + Referral.DeclineReason.choices
    )
    note = forms.CharField(
        label="Précision pour la structure d'origine (facultatif)",
        max_length=300,
        required=False,
        help_text=NOTE_HELP,
        validators=[no_contact_details("Précision")],
    )


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Motif de l'annulation",
        max_length=300,
        help_text="Par exemple : la personne ne souhaite plus être accompagnée. Sans nom ni donnée sensible.",
        error_messages={"required": "Motif de l'annulation : indiquez pourquoi la fiche navette est annulée."},
        validators=[no_contact_details("Motif de l'annulation")],
    )


class AppointmentForm(forms.Form):
    """The first appointment, fixed by the receiving structure: a day and a time (Europe/Paris)."""

    day = forms.DateField(
        label="Date du premier rendez-vous",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Date du premier rendez-vous : indiquez le jour.",
            "invalid": "Date du premier rendez-vous : saisissez une date valide, par exemple 03/12/2026.",
        },
    )
    hour = forms.TimeField(
        label="Heure",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Heure du premier rendez-vous : indiquez l'heure.",
            "invalid": "Heure du premier rendez-vous : saisissez une heure valide, par exemple 14:00.",
        },
    )

    def appointment_at(self):
        return timezone.make_aware(datetime.combine(self.cleaned_data["day"], self.cleaned_data["hour"]))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label="Issue", choices=[("", "Choisissez l'issue")] + Referral.Outcome.choices)
    note = forms.CharField(
        label="Précision (facultatif)",
        max_length=300,
        required=False,
        help_text=NOTE_HELP,
        validators=[no_contact_details("Précision")],
    )
