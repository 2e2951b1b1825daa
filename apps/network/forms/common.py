"""Form pieces shared by the governance forms: amounts in euros, dates, structure choices."""

from datetime import datetime

from django import forms
from django.utils import timezone

from apps.directory.models import Structure

from ..money import format_euros, parse_euros


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class EuroField(forms.CharField):
    """An amount typed in euros ("12 345,67"), cleaned to integer cents."""

    MAX_CHARACTERS = 20
    MAX_CENTS = 100_000_000_000  # one billion euros

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "En euros, par exemple 12 345,67.")
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": self.MAX_CHARACTERS})

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_euros(value, symbol=False)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > self.MAX_CHARACTERS:
            raise forms.ValidationError("Ce montant est trop long.")
        try:
            cents = parse_euros(value)
        except ValueError as error:
            raise forms.ValidationError("Saisissez un montant en euros, par exemple 12 345,67.") from error
        if abs(cents) >= self.MAX_CENTS:  # beyond a 64-bit column: a 500 (review L1)
            raise forms.ValidationError("Ce montant dépasse un milliard d'euros : vérifiez-le.")
        return cents


class StructureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class StructureMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


def active_structures():
    return Structure.objects.filter(is_active=True).order_by("name")


def aware(day, time) -> datetime:
    return timezone.make_aware(datetime.combine(day, time))
