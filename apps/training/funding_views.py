"""The Région keeps the funding schemes: list, create, edit (deactivate), and the history of each."""

import re

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from apps.accounts.decorators import region_admin_required
from apps.directory.models import Status

from .models import FundingScheme

_CODES = re.compile(r"^\d{1,2}$")


class FundingSchemeForm(forms.ModelForm):
    financer_codes = forms.CharField(
        label="Codes financeurs LHEO",
        required=False,
        help_text="Séparés par des virgules, par exemple 2, 4. La formation doit porter l'un d'eux ; vide : toutes.",
    )

    class Meta:
        model = FundingScheme
        fields = [
            "code", "name", "funder", "description", "url", "statuses", "age_min", "age_max", "disability_only",
            "certifying_only", "alternance_only", "financer_codes", "is_active", "position",
        ]  # fmt: skip
        widgets = {"statuses": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"statuses": "Aucune case cochée : toutes les situations."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statuses"].queryset = Status.objects.order_by("position", "label")
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.initial["financer_codes"] = ", ".join(self.instance.financer_codes)

    def clean_financer_codes(self):
        codes = [c.strip() for c in self.cleaned_data["financer_codes"].split(",") if c.strip()]
        wrong = [c for c in codes if not _CODES.match(c)]
        if wrong:
            raise forms.ValidationError(
                f"Codes financeurs LHEO : « {', '.join(wrong)} » n'est pas un code (1 ou 2 chiffres)."
            )
        return codes

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("age_min"), cleaned.get("age_max")
        if low is not None and high is not None and low > high:
            self.add_error("age_max", "Âge maximum : il doit être supérieur ou égal à l'âge minimum.")
        return cleaned


@region_admin_required
def scheme_list(request):
    page = Paginator(FundingScheme.objects.prefetch_related("statuses"), 30).get_page(request.GET.get("page"))
    return render(request, "training/funding_list.html", {"page": page})


@region_admin_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request, pk=None):
    scheme = get_object_or_404(FundingScheme, pk=pk) if pk else None
    form = FundingSchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid():
        scheme = form.save(commit=False)
        scheme._history_user = request.user
        scheme.save()
        form.save_m2m()
        messages.success(request, f"Dispositif « {scheme.name} » enregistré.")
        return redirect("training:funding_list")
    return render(request, "training/funding_form.html", {"form": form, "scheme": scheme})


@region_admin_required
def scheme_history(request, pk):
    scheme = get_object_or_404(FundingScheme, pk=pk)
    records = scheme.history.select_related("history_user").order_by("-history_date")
    page = Paginator(records, 30).get_page(request.GET.get("page"))
    changes = []
    for record in page:
        previous = record.prev_record
        diff = record.diff_against(previous).changes if previous else []
        changes.append({"record": record, "changes": diff})
    return render(request, "training/funding_history.html", {"scheme": scheme, "page": page, "changes": changes})
