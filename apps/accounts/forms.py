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


class AccountCreateForm(forms.Form):
    """The Région opens an account for a professional: a structure, a regional role, or both."""

    email = forms.EmailField(label="Adresse e-mail professionnelle", max_length=254)
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    structure = forms.ModelChoiceField(
        label="Structure",
        queryset=None,
        required=False,
        empty_label="— Aucune structure —",
        help_text="La personne verra les fiches navettes et l'offre de cette structure.",
    )
    membership_role = forms.ChoiceField(
        label="Rôle dans la structure",
        initial="member",
        required=False,
        choices=(),
        help_text="Sans structure : ignoré.",
    )
    role = forms.ChoiceField(label="Rôle régional", required=False, choices=())

    def __init__(self, *args, **kwargs):
        from .models import Membership, User

        super().__init__(*args, **kwargs)
        # The directory's Structure, reached through the membership's relation: accounts imports no domain app.
        structures = Membership._meta.get_field("structure").related_model.objects
        self.fields["structure"].queryset = structures.public().order_by("name")
        self.fields["membership_role"].choices = Membership.Role.choices
        self.fields["role"].choices = User.Role.choices

    def clean_email(self):
        from .models import User

        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "Un compte existe déjà avec cette adresse : ouvrez-le depuis la liste des comptes."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("structure") and not cleaned.get("role"):
            self.add_error(
                "structure",
                "Choisissez une structure ou un rôle régional : un compte sans l'un ni l'autre ne donne accès à rien.",
            )
        return cleaned
