from django import forms
from django.contrib.auth.forms import AuthenticationForm


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie (les majuscules comptent).",
        "inactive": "Ce compte est désactivé. Contactez l'administrateur·rice de votre structure.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code à 6 chiffres de votre application, ou un code de secours",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": "Saisissez le code affiché par votre application d'authentification."},
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check
        self.device = None

    def clean_code(self):
        self.device = self.check(self.cleaned_data["code"])
        if self.device is None:
            raise forms.ValidationError(
                "Code : ce code n'est pas valable (il change toutes les 30 secondes ; un code de secours ne sert "
                "qu'une fois). Vérifiez l'heure de votre téléphone et réessayez."
            )
        return self.cleaned_data["code"]
