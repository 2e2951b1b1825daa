"""Forms of the public assistant "Quelle porte pour moi ?" and of the call-back request."""

import re

from django import forms
from django.urls import reverse_lazy

from apps.core import region_pack
from apps.directory.models import Status, Theme
from apps.feedback.follow_up import CONSENT_TEXT as FOLLOW_UP_CONSENT_TEXT
from apps.geo.models import Commune
from apps.geo.selectors import resolve_commune
from apps.orientation.models import Reception, ReferralContact
from apps.orientation.personal_data import no_contact_details
from apps.orientation.routing import Situation

AGE_MIN, AGE_MAX = 10, 99
PARENTAL_AGE = 15  # under 15, a parent or guardian makes the call-back request
NEED_MAX_LENGTH = 600

PHONE_RE = re.compile(r"^(?:\+33|0033|0)([1-9])(\d{8})$")


class AssistantForm(forms.Form):
    """Four questions in plain French: where, who, how old, what about. Sent by GET (shareable results)."""

    lieu = forms.CharField(
        label="Commune ou code postal",
        max_length=100,
        help_text=region_pack.lazy_text("Par exemple : {example_search}"),
        error_messages={
            "required": region_pack.lazy_text(
                "Question 1, où habitez-vous : saisissez votre commune ou votre code postal, "
                "par exemple {example_search}."
            )
        },
        # Same suggestions as the search form: a datalist filled by htmx; without JavaScript, plain text.
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
    statut = forms.ChoiceField(
        label="Votre situation",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Question 2, votre situation : cochez la situation qui vous ressemble le plus.",
            "invalid_choice": "Question 2, votre situation : choisissez une situation dans la liste.",
        },
    )
    handicap = forms.BooleanField(
        label="Je suis en situation de handicap (RQTH ou démarche en cours)",
        required=False,
        help_text="Cette réponse sert seulement à trouver la bonne porte : elle n'est pas conservée.",
    )
    age = forms.IntegerField(
        label="Votre âge (en années)",
        min_value=AGE_MIN,
        max_value=AGE_MAX,
        help_text=f"Un nombre entre {AGE_MIN} et {AGE_MAX}, par exemple 19.",
        error_messages={
            "required": "Question 3, votre âge : indiquez votre âge en chiffres, par exemple 19.",
            "invalid": "Question 3, votre âge : écrivez votre âge en chiffres seulement, par exemple 19.",
            "min_value": f"Question 3, votre âge : indiquez un âge d'au moins {AGE_MIN} ans.",
            "max_value": f"Question 3, votre âge : indiquez un âge d'au plus {AGE_MAX} ans.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    theme = forms.ChoiceField(
        label="Votre question porte sur",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Question 4, votre question : cochez le sujet de votre question.",
            "invalid_choice": "Question 4, votre question : choisissez un sujet dans la liste.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statut"].choices = [(s.code, s.label) for s in Status.objects.filter(is_active=True)]
        self.fields["theme"].choices = [(t.code, t.label) for t in Theme.objects.filter(is_active=True)]

    def clean_lieu(self):
        text = self.cleaned_data["lieu"].strip()
        commune = resolve_commune(text)
        if commune is None:
            raise forms.ValidationError(
                "Question 1, où habitez-vous : « %(text)s » ne correspond à aucune commune. "
                "Vérifiez l'orthographe ou saisissez le code postal.",
                params={"text": text},
            )
        return commune

    def situation(self) -> Situation:
        data = self.cleaned_data
        return Situation(
            age=data["age"], status=data["statut"], theme=data["theme"], handicap=data["handicap"], commune=data["lieu"]
        )


def age_band_of(age: int | None) -> str:
    """The anonymous band kept with a referral (the exact age is never stored)."""
    if age is None:
        return Reception.AgeBand.UNKNOWN
    if age < 16:
        return Reception.AgeBand.UNDER_16
    if age <= 25:
        return Reception.AgeBand.AGE_16_25
    if age <= 44:
        return Reception.AgeBand.AGE_26_44
    return Reception.AgeBand.AGE_45_PLUS


# The call-back form asks the age as a band; "under 15" is kept apart to ask for a parent.
UNDER_15 = "under_15"
CALLBACK_AGE_CHOICES = [
    (UNDER_15, "Moins de 15 ans"),
    (Reception.AgeBand.UNDER_16, "15 ans"),
    (Reception.AgeBand.AGE_16_25, "16 à 25 ans"),
    (Reception.AgeBand.AGE_26_44, "26 à 44 ans"),
    (Reception.AgeBand.AGE_45_PLUS, "45 ans et plus"),
]


def callback_age_choice(age: int | None) -> str:
    if age is None:
        return ""
    return UNDER_15 if age < PARENTAL_AGE else age_band_of(age)


class CallbackForm(forms.Form):
    """A person asks a structure to call them back: the least data possible, with explicit consent."""

    class Requester:
        SELF = "self"
        PARENT = "parent"

    requester = forms.ChoiceField(
        label="Qui fait la demande ?",
        widget=forms.RadioSelect,
        initial=Requester.SELF,
        choices=[
            (Requester.SELF, "Moi, pour moi-même"),
            (Requester.PARENT, "Un parent ou responsable légal, pour son enfant"),
        ],
        error_messages={"required": "Qui fait la demande : cochez une réponse."},
    )
    age_band = forms.ChoiceField(
        label="Âge de la personne qui cherche sa voie",
        widget=forms.RadioSelect,
        choices=CALLBACK_AGE_CHOICES,
        error_messages={
            "required": "Âge : cochez la tranche d'âge de la personne qui cherche sa voie.",
            "invalid_choice": "Âge : choisissez une tranche d'âge dans la liste.",
        },
    )
    first_name = forms.CharField(
        label="Prénom de la personne à rappeler",
        max_length=60,
        help_text="Votre nom de famille n'est pas demandé.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={
            "required": "Prénom : indiquez le prénom de la personne à rappeler.",
            "max_length": "Prénom : 60 caractères au plus.",
        },
    )
    preferred_channel = forms.ChoiceField(
        label="Comment souhaitez-vous être recontacté·e ?",
        widget=forms.RadioSelect,
        choices=[(ReferralContact.Channel.PHONE, "Par téléphone"), (ReferralContact.Channel.EMAIL, "Par e-mail")],
        error_messages={
            "required": "Comment être recontacté·e : choisissez par téléphone ou par e-mail.",
            "invalid_choice": "Comment être recontacté·e : choisissez par téléphone ou par e-mail.",
        },
    )
    phone = forms.CharField(
        label="Téléphone",
        required=False,
        max_length=20,
        help_text="Un numéro français, par exemple 06 12 34 56 78. Obligatoire si vous choisissez le téléphone.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": "Téléphone : 20 caractères au plus."},
    )
    email = forms.EmailField(
        label="Adresse e-mail",
        required=False,
        max_length=254,
        help_text="Par exemple : prenom@exemple.fr. Obligatoire si vous choisissez l'e-mail.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Adresse e-mail : saisissez une adresse complète, par exemple prenom@exemple.fr."},
    )
    need = forms.CharField(
        label="Votre question en quelques mots (facultatif)",
        required=False,
        max_length=NEED_MAX_LENGTH,
        help_text=f"{NEED_MAX_LENGTH} caractères au plus. N'écrivez ni votre nom, ni votre téléphone, ni votre "
        "adresse (ils sont demandés plus haut), ni aucune information sur votre santé ou un handicap.",
        validators=[no_contact_details("Votre question")],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"Votre question : {NEED_MAX_LENGTH} caractères au plus (%(show_value)d saisis)."
        },
    )
    consent = forms.BooleanField(
        label="",  # set in __init__: CONSENT_TEXT with the structure's name
        error_messages={
            "required": "Accord : cochez la case pour accepter que la structure reçoive vos coordonnées. "
            "Sans cet accord, elle ne peut pas vous rappeler."
        },
    )
    follow_up = forms.BooleanField(
        label=FOLLOW_UP_CONSENT_TEXT,
        required=False,
        help_text="Facultatif. Il faut alors indiquer une adresse e-mail ; elle est effacée du questionnaire dès "
        "votre réponse.",
    )
    # A honeypot: hidden from people (CSS and aria-hidden), filled by robots that fill every field.
    site_web = forms.CharField(
        label="Laissez ce champ vide",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Carried over from the assistant, never shown: anonymous facts for the indicators.
    statut = forms.CharField(required=False, widget=forms.HiddenInput)
    theme = forms.CharField(required=False, widget=forms.HiddenInput)
    commune = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, consent_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label

    def is_from_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("site_web"))

    # Hidden facts the person cannot fix: an unknown value is dropped, never an error.
    def clean_statut(self):
        return Status.objects.filter(code=self.cleaned_data["statut"], is_active=True).first()

    def clean_theme(self):
        return Theme.objects.filter(code=self.cleaned_data["theme"], is_active=True).first()

    def clean_commune(self):
        code = self.cleaned_data["commune"].strip()
        return Commune.objects.filter(code=code).first() if code else None

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        match = PHONE_RE.match(re.sub(r"[\s.\-()]", "", raw))
        if not match:
            raise forms.ValidationError(
                "Téléphone : saisissez un numéro français à 10 chiffres, par exemple 06 12 34 56 78."
            )
        digits = "0" + match.group(1) + match.group(2)
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("age_band") == UNDER_15 and cleaned.get("requester") == self.Requester.SELF:
            self.add_error(
                "age_band",
                "Âge : avant 15 ans, c'est un parent ou votre responsable légal qui doit demander le rappel. "
                "Demandez-lui de remplir ce formulaire en cochant « Un parent ou responsable légal ».",
            )
        channel = cleaned.get("preferred_channel")
        if channel == ReferralContact.Channel.PHONE and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Téléphone : indiquez un numéro, puisque vous souhaitez être appelé·e.")
        if channel == ReferralContact.Channel.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email", "Adresse e-mail : indiquez une adresse, puisque vous souhaitez une réponse par e-mail."
            )
        if cleaned.get("follow_up") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email", "Adresse e-mail : indiquez une adresse pour recevoir les 4 questions, ou décochez la case."
            )
        return cleaned

    def referral_age_band(self) -> str:
        band = self.cleaned_data["age_band"]
        return Reception.AgeBand.UNDER_16 if band == UNDER_15 else band
