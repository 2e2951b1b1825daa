"""Forms of the public agenda: the filters of the list and the event form of coordinators and the Région."""

from datetime import date, datetime, time

from django import forms
from django.utils import timezone

from apps.core import region_pack
from apps.core.bounds import PlausibleDateField
from apps.directory.models import Place
from apps.geo.models import Territory
from apps.geo.selectors import resolve_commune
from apps.programme.forms import month_label

from .models import PublicEvent


class AgendaFilterForm(forms.Form):
    territoire = forms.ChoiceField(label="Territoire", required=False)
    mois = forms.ChoiceField(label="Mois", required=False)
    type = forms.ChoiceField(
        label="Type d'événement", required=False, choices=[("", "Tous les types"), *PublicEvent.Kind.choices]
    )

    def __init__(self, *args, months: list[date] = (), **kwargs):
        super().__init__(*args, **kwargs)
        territories = Territory.objects.exclude(kind=Territory.Kind.REGION).order_by("name")
        self.fields["territoire"].choices = [("", "Tous les territoires"), *[(t.code, t.name) for t in territories]]
        self.fields["mois"].choices = [("", "Tous les mois"), *[(f"{m:%Y-%m}", month_label(m)) for m in months]]

    def filters(self) -> dict:
        """The selectors' arguments; an unknown value (an old link, a typo) is ignored, not an error page."""
        if not self.is_bound:
            return {}
        data = {name: self.data.get(name, "") for name in self.fields}
        filters: dict = {}
        if data["territoire"]:
            filters["territory"] = Territory.objects.filter(code=data["territoire"]).first()
        if data["mois"] and dict(self.fields["mois"].choices).get(data["mois"]):
            year, month = data["mois"].split("-")
            filters["month"] = date(int(year), int(month), 1)
        if data["type"] in PublicEvent.Kind.values:
            filters["kind"] = data["type"]
        return {k: v for k, v in filters.items() if v is not None}


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, place):
        return f"{place.commune.name} — {place.name} ({place.structure.name})"


class PublicEventForm(forms.ModelForm):
    day = PlausibleDateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Par exemple 14/01/2027.",
    )
    start_time = forms.TimeField(
        label="Heure de début", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), initial=time(9, 0)
    )
    end_time = forms.TimeField(
        label="Heure de fin", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), initial=time(17, 0)
    )
    place = PlaceChoiceField(
        label="Lieu de l'annuaire",
        queryset=Place.objects.none(),
        required=False,
        empty_label="Un autre lieu (adresse ci-dessous)",
        help_text="Un lieu d'accueil du SPRO ; sinon, indiquez l'adresse et la commune.",
    )
    commune_text = forms.CharField(
        label="Commune",
        required=False,
        max_length=100,
        help_text=region_pack.lazy_text(
            "Nom ou code postal, par exemple {example_search}. Inutile si un lieu de l'annuaire est choisi."
        ),
    )

    class Meta:
        model = PublicEvent
        fields = ["title", "kind", "audience", "territory", "place", "address", "description", "link"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"link": "Facultatif : la page de l'organisateur, par exemple https://…"}

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(
            ["title", "kind", "audience", "day", "start_time", "end_time", "territory", "place", "address"]
            + ["commune_text", "description", "link"]
        )
        self.fields["territory"].queryset = territories if territories is not None else Territory.objects.none()
        self.fields["territory"].empty_label = None if len(self.fields["territory"].queryset) == 1 else "---------"
        places = Place.objects.public().select_related("commune", "structure").order_by("commune__name", "name")
        if territories is not None:
            places = places.filter(commune__territories__in=territories).distinct()
        self.fields["place"].queryset = places
        if self.instance.pk:
            starts, ends = timezone.localtime(self.instance.starts_at), timezone.localtime(self.instance.ends_at)
            self.initial.update(day=starts.date(), start_time=starts.time(), end_time=ends.time())
            if self.instance.commune_id:
                self.initial["commune_text"] = f"{self.instance.commune.name} ({self.instance.commune.code})"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "L'heure de fin doit suivre l'heure de début.")
        place, territory = cleaned.get("place"), cleaned.get("territory")
        commune = None
        if place is None:
            if not (cleaned.get("address") or "").strip():
                self.add_error("address", "Indiquez l'adresse de l'événement, ou choisissez un lieu de l'annuaire.")
            text = cleaned.get("commune_text", "")
            commune = resolve_commune(text) if text else None
            if commune is None:
                message = "Commune introuvable : vérifiez le nom ou le code postal." if text else "Indiquez la commune."
                self.add_error("commune_text", message)
        where = place.commune if place is not None else commune
        if where is not None and territory is not None and not territory.communes.filter(pk=where.pk).exists():
            field = "place" if place is not None else "commune_text"
            self.add_error(field, f"{where.name} n'est pas dans le territoire {territory.name}.")
        cleaned["commune"] = None if place is not None else commune
        return cleaned

    def save(self, commit=True):
        event = super().save(commit=False)
        data = self.cleaned_data
        event.starts_at = timezone.make_aware(datetime.combine(data["day"], data["start_time"]))
        event.ends_at = timezone.make_aware(datetime.combine(data["day"], data["end_time"]))
        event.commune = data["commune"]
        if event.place_id:
            event.address = ""
        if commit:
            event.save()
        return event
