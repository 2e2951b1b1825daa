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
