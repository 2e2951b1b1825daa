"""Forms of the Region's privacy screens: erasure on request, review of the access log."""

from django import forms

from .models import ContactAccessLog


class ErasureLookupForm(forms.Form):
    numero = forms.IntegerField(
        label="Numéro de la fiche navette",
        min_value=1,
        max_value=2**31 - 1,
        help_text="Le numéro que la personne ou la structure vous a donné (n° de la fiche navette).",
        error_messages={
            "required": "Numéro de la fiche navette : saisissez un numéro.",
            "invalid": "Numéro de la fiche navette : saisissez un nombre entier, par exemple 431.",
            "min_value": "Numéro de la fiche navette : saisissez un nombre entier positif.",
            "max_value": "Numéro de la fiche navette : ce numéro n'existe pas.",
        },
    )


class ErasureConfirmForm(ErasureLookupForm):
    confirm = forms.BooleanField(
        label="Je confirme que la personne a demandé l'effacement de ses données (demande reçue et vérifiée).",
        error_messages={"required": "Confirmation : cochez la case pour confirmer la demande de la personne."},
    )


class AccessLogFilterForm(forms.Form):
    fiche = forms.IntegerField(label="N° de fiche navette", required=False, min_value=1, max_value=2**31 - 1)
    compte = forms.CharField(label="Compte (e-mail ou nom)", required=False, max_length=100)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Toutes")] + ContactAccessLog.Action.choices
    )
    du = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("du") and cleaned.get("au") and cleaned["du"] > cleaned["au"]:
            self.add_error("au", "Au : la date de fin doit suivre la date de début.")
        return cleaned
