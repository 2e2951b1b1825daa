"""Forms of grants, balance requests and payments."""

from django import forms
from django.utils import timezone

from apps.core.bounds import PlausibleDateField

from ..models import Grant
from .common import DateInput, EuroField, StructureChoiceField, active_structures


class GrantForm(forms.ModelForm):
    beneficiary = StructureChoiceField(label="Structure bénéficiaire", queryset=active_structures())
    lump_sum_cents = EuroField(label="Forfait coordination")
    envelope_cents = EuroField(label="Enveloppe projets")

    class Meta:
        model = Grant
        fields = ["beneficiary", "lump_sum_cents", "envelope_cents", "voted_on", "balance_deadline"]
        widgets = {"voted_on": DateInput(), "balance_deadline": DateInput()}
        help_texts = {"beneficiary": "La structure qui porte la coordination et reçoit la subvention."}

    def __init__(self, *args, convention, **kwargs):
        super().__init__(*args, **kwargs)
        parties = convention.signatories.filter(removed_on__isnull=True).values_list("structure_id", flat=True)
        if parties:
            self.fields["beneficiary"].queryset = active_structures().filter(pk__in=parties)
        self.fields["beneficiary"].help_text = "Parmi les signataires : la structure qui porte la coordination."
        if not self.instance.pk:
            self.initial.setdefault("balance_deadline", f"{convention.year + 1}-06-30")

    def clean(self):
        cleaned = super().clean()
        voted_on, deadline = cleaned.get("voted_on"), cleaned.get("balance_deadline")
        if voted_on and deadline and deadline < voted_on:
            self.add_error("balance_deadline", "La date limite du solde doit suivre le vote.")
        return cleaned


class BalanceRequestForm(forms.Form):
    requested_on = PlausibleDateField(label="Date de la demande de solde", widget=DateInput())
    spent_cents = EuroField(label="Dépenses réalisées sur l'enveloppe projets")
    spending_report = forms.FileField(
        label="Compte rendu des dépenses", help_text="PDF, ODT, DOC, DOCX ou image, 10 Mo au plus."
    )

    def __init__(self, *args, grant: Grant, **kwargs):
        super().__init__(*args, **kwargs)
        self.grant = grant
        self.fields["requested_on"].initial = timezone.localdate()
        self.fields["spending_report"].validators = list(Grant._meta.get_field("spending_report").validators)

    def clean_requested_on(self):
        requested_on = self.cleaned_data["requested_on"]
        if requested_on > self.grant.balance_deadline:
            raise forms.ValidationError(
                f"La date limite de demande de solde ({self.grant.balance_deadline:%d/%m/%Y}) est dépassée : "
                "contactez la Région."
            )
        return requested_on


class PaymentForm(forms.Form):
    paid_on = PlausibleDateField(label="Versé le", widget=DateInput())
    reference = forms.CharField(label="Référence du mandat", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()
