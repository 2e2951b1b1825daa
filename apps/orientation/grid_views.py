"""Region admins edit the questions of the pre-interview grid."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from apps.accounts.decorators import region_admin_required

from .models import PreInterviewQuestion


class QuestionForm(forms.ModelForm):
    class Meta:
        model = PreInterviewQuestion
        fields = ["text", "kind", "choices", "position", "is_active"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        cleaned = super().clean()
        lines = [line for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
        if cleaned.get("kind") == PreInterviewQuestion.Kind.CHOICE and len(lines) < 2:
            self.add_error("choices", "Choix possibles : indiquez au moins deux choix, un par ligne.")
        return cleaned


@region_admin_required
def grid_list(request):
    return render(request, "orientation/grid_list.html", {"questions": PreInterviewQuestion.objects.all()})


@region_admin_required
def grid_edit(request, pk=None):
    question = get_object_or_404(PreInterviewQuestion, pk=pk) if pk else PreInterviewQuestion()
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "La question de la grille a été enregistrée.")
        return redirect("orientation:grid")
    title = "Modifier une question de la grille" if pk else "Ajouter une question à la grille"
    return render(request, "directory/form.html", {"form": form, "title": title})
