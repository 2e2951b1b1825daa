"""Forms of the calendar, the sessions and the registrations."""

from datetime import date

from django import forms
from django.utils import timezone

from apps.core import region_pack
from apps.core.bounds import PlausibleDateField
from apps.directory.models import Place, Structure
from apps.geo.models import Territory

from .models import Audience, Session, SupportAction, SupportAxis, Survey
from .reference import local_datetime
from .services import registration_structures

TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%HH%M", "%Hh", "%H"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
REGIONAL = "regional"


def month_label(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


class CalendarFilterForm(forms.Form):
    territoire = forms.ChoiceField(label="Territoire", required=False)
    axe = forms.ModelChoiceField(
        label="Axe du programme", queryset=SupportAxis.objects.all(), required=False, empty_label="Tous les axes"
    )
    public = forms.ChoiceField(
        label="Public", required=False, choices=[("", "Tous les publics"), *Audience.choices[1:]]
    )
    mois = forms.ChoiceField(label="Mois", required=False)
    passees = forms.BooleanField(label="Afficher les sessions passées", required=False)

    def __init__(self, *args, months: list[date] = (), **kwargs):
        super().__init__(*args, **kwargs)
        territories = [(t.code, t.name) for t in Territory.objects.exclude(kind=Territory.Kind.REGION)]
        self.fields["territoire"].choices = [
            ("", "Tous les territoires"),
            (REGIONAL, "Sessions régionales uniquement"),
            *territories,
        ]
        self.fields["mois"].choices = [("", "Tous les mois"), *[(f"{m:%Y-%m}", month_label(m)) for m in months]]
        self.fields["axe"].label_from_instance = lambda axis: f"Axe {axis.number} — {axis.title} ({axis.period})"

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        filters: dict = {"axis": data.get("axe"), "audience": data.get("public") or "", "past": data.get("passees")}
        if data.get("territoire") == REGIONAL:
            filters["regional_only"] = True
        elif data.get("territoire"):
            filters["territory"] = Territory.objects.filter(code=data["territoire"]).first()
        if data.get("mois"):
            year, month = data["mois"].split("-")
            filters["month"] = date(int(year), int(month), 1)
        return filters


class SessionForm(forms.ModelForm):
    day = PlausibleDateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Par exemple 26/04/2026.",
    )
    start_time = forms.TimeField(
        label="Heure de début", input_formats=TIME_FORMATS, help_text="Par exemple 9h30 ou 09:30."
    )
    end_time = forms.TimeField(label="Heure de fin", input_formats=TIME_FORMATS, help_text="Par exemple 17h ou 17:00.")

    class Meta:
        model = Session
        fields = [
            "kind",
            "title",
            "action",
            "description",
            "day",
            "start_time",
            "end_time",
            "territory",
            "place",
            "address",
            "online_url",
            "capacity",
            "audience",
            "organiser_structure",
            "speaker",
            "host",
            "travel_expenses",
            "survey",
            "status",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "place": "Un lieu d'accueil de l'annuaire ; sinon, remplissez le champ suivant.",
            "address": region_pack.lazy_text(
                "Par exemple : Salle des fêtes, 1 place de la Mairie, {example_postal_code} {example_commune}."
            ),
            "online_url": "Pour une session à distance ou hybride.",
            "survey": "Les forums utilisent par défaut le questionnaire régional commun.",
            "status": "Une session en brouillon n'apparaît pas dans le calendrier.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["action"].queryset = SupportAction.objects.select_related("axis")
        fields["action"].empty_label = "Hors programme (action locale)"
        fields["action"].label_from_instance = lambda a: f"Axe {a.axis.number} · Action {a.number} — {a.title}"
        fields["territory"].queryset = Territory.objects.exclude(kind=Territory.Kind.REGION)
        fields["territory"].empty_label = "Régional (toute la région)"
        fields["place"].queryset = (
            Place.objects.filter(is_active=True).select_related("commune").order_by("commune__name", "name")
        )
        fields["place"].label_from_instance = lambda p: f"{p.commune.name} — {p.name}, {p.address}"
        fields["place"].empty_label = "Aucun (adresse libre ou en ligne)"
        fields["organiser_structure"].queryset = Structure.objects.filter(is_active=True).order_by("name")
        fields["organiser_structure"].empty_label = f"La {region_pack.current().text('region_label')}"
        fields["survey"].queryset = Survey.objects.all()
        fields["survey"].empty_label = "Aucun questionnaire"
        fields["capacity"].widget.attrs.update(min=1)
        fields["kind"].choices = [("", "Choisir le type de session"), *Session.Kind.choices]
        fields["status"].choices = [c for c in Session.Status.choices if c[0] != Session.Status.CANCELLED]
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                day=start.date(), start_time=start.time(), end_time=timezone.localtime(self.instance.ends_at).time()
            )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end and end <= start:
            self.add_error("end_time", "L'heure de fin doit être après l'heure de début.")
        if not (data.get("place") or data.get("address") or data.get("online_url")):
            self.add_error("address", "Indiquez un lieu de l'annuaire, une adresse ou un lien de connexion.")
        return data

    def save(self, commit=True):
        session = super().save(commit=False)
        data = self.cleaned_data
        session.starts_at = local_datetime(data["day"], data["start_time"])
        session.ends_at = local_datetime(data["day"], data["end_time"])
        if session.action_id:
            session.axis_id = session.action.axis_id
        if commit:
            session.save()
        return session


class RegistrationForm(forms.Form):
    structure = forms.ModelChoiceField(label="Je m'inscris au titre de", queryset=Structure.objects.none())
    travel_expenses = forms.BooleanField(
        label="Je demande la prise en charge de mes frais de déplacement",
        required=False,
        help_text="L'équipe organisatrice vous recontactera pour les justificatifs.",
    )

    def __init__(self, *args, user, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        structures = registration_structures(user)
        self.fields["structure"].queryset = structures
        self.fields["structure"].empty_label = None
        if len(structures) == 1:
            self.fields["structure"].widget = forms.HiddenInput()
            self.initial["structure"] = structures[0].pk
        if not session.travel_expenses:
            del self.fields["travel_expenses"]

    @property
    def single_structure(self):
        queryset = self.fields["structure"].queryset
        return queryset[0] if len(queryset) == 1 else None
