"""Forms of the surveys: answering one (built from its questions) and editing one."""

from django import forms
from django.utils.text import slugify

from .models import SCALE_LABELS, Question, Survey


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class SurveyAnswerForm(forms.Form):
    """One field per question: radio buttons for a scale or a single choice, checkboxes, or a text area."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            self.fields[field_name(question)] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common = {"label": question.label, "required": question.required}
        if question.kind == Question.Kind.SCALE:
            return forms.TypedChoiceField(
                choices=list(SCALE_LABELS.items()),
                coerce=int,
                widget=forms.RadioSelect,
                help_text="De 1 (pas du tout) à 5 (tout à fait).",
                **common,
            )
        if question.kind == Question.Kind.SINGLE:
            return forms.ChoiceField(choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common)
        if question.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choices],
                widget=forms.CheckboxSelectMultiple,
                help_text="Plusieurs réponses possibles.",
                **common,
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=2000,
            help_text="N'indiquez ni votre nom ni celui d'une autre personne.",
            **common,
        )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(field_name(q)) for q in self.questions}

    def bound_questions(self):
        """(question, bound field) pairs, for the template."""
        return [(q, self[field_name(q)]) for q in self.questions]


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}

    def save(self, commit=True):
        survey = super().save(commit=False)
        if not survey.code:
            base = slugify(survey.title)[:50] or "questionnaire"
            code, n = base, 1
            while Survey.objects.filter(code=code).exists():
                n += 1
                code = f"{base}-{n}"
            survey.code = code
        if commit:
            survey.save()
        return survey


class QuestionForm(forms.Form):
    label = forms.CharField(label="Question", max_length=300, required=False)
    kind = forms.ChoiceField(label="Type de réponse", choices=Question.Kind.choices)
    choices = forms.CharField(
        label="Choix proposés",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Un choix par ligne (choix unique ou multiple seulement).",
    )
    required = forms.BooleanField(label="Réponse obligatoire", required=False, initial=True)

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()]
        data["choices"] = lines
        if data.get("label") and data.get("kind") in {Question.Kind.SINGLE, Question.Kind.MULTIPLE} and len(lines) < 2:
            self.add_error("choices", "Indiquez au moins deux choix, un par ligne.")
        return data

    def question_data(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("label"):
            return None  # an empty row is ignored
        choices = data["choices"] if data["kind"] in {Question.Kind.SINGLE, Question.Kind.MULTIPLE} else []
        return {"label": data["label"], "kind": data["kind"], "choices": choices, "required": data["required"]}


QuestionFormSet = forms.formset_factory(QuestionForm, extra=3)


def question_initial(survey: Survey) -> list[dict]:
    return [
        {"label": q.label, "kind": q.kind, "choices": "\n".join(q.choices), "required": q.required}
        for q in survey.questions.all()
    ]
