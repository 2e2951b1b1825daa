from django import forms

from apps.core import region_pack
from apps.geo.models import Territory

from .models import ConsultationQuestion, FollowUpAnswer
from .text_filter import no_personal_data

COMMENT_MAX = 500


def _radio(label: str, choices, field_words: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"{field_words} : cochez une réponse.",
            "invalid_choice": f"{field_words} : choisissez une réponse dans la liste.",
        },
    )


class FollowUpForm(forms.Form):
    """Four plain questions, one tap each, readable on a phone."""

    got_answer = _radio(
        "Avez-vous eu une réponse à votre demande ?", FollowUpAnswer.GotAnswer.choices, "Question 1, une réponse"
    )
    right_place = _radio(
        "La structure vers qui vous avez été orienté·e était-elle la bonne ?",
        FollowUpAnswer.RightPlace.choices,
        "Question 2, le bon endroit",
    )
    next_step = _radio("Et depuis, où en êtes-vous ?", FollowUpAnswer.NextStep.choices, "Question 3, et depuis")
    recommend = _radio(
        "Conseilleriez-vous ce service à un·e proche ?", FollowUpAnswer.Recommend.choices, "Question 4, conseiller"
    )


class PageCommentForm(forms.Form):
    comment = forms.CharField(
        label="Un commentaire ? (facultatif)",
        max_length=COMMENT_MAX,
        help_text=f"{COMMENT_MAX} caractères au plus. Anonyme : n'écrivez ni votre nom, ni e-mail, ni téléphone.",
        validators=[no_personal_data("Commentaire")],
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Commentaire : écrivez quelques mots, ou laissez la page sans commentaire.",
            "max_length": f"Commentaire : {COMMENT_MAX} caractères au plus (%(show_value)d saisis).",
        },
    )


class ConsultationForm(forms.Form):
    territory = forms.ModelChoiceField(
        label="Territoire",
        queryset=Territory.objects.none(),
        error_messages={"required": "Territoire : choisissez le territoire consulté."},
    )
    title = forms.CharField(
        label="Titre",
        max_length=150,
        help_text=region_pack.lazy_text("Par exemple : Forum de l'orientation {example_commune}, mars 2027."),
        error_messages={"required": "Titre : donnez un titre à la consultation."},
    )
    introduction = forms.CharField(
        label="Texte d'accueil (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lu par les personnes avant de répondre.",
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories


class QuestionForm(forms.Form):
    label = forms.CharField(
        label="Question",
        max_length=250,
        error_messages={"required": "Question : écrivez la question posée."},
    )
    kind = forms.ChoiceField(label="Type de réponse", choices=ConsultationQuestion.Kind.choices)
    choices = forms.CharField(
        label="Choix proposés (un par ligne)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Pour un choix dans une liste : de 2 à 8 choix.",
    )

    def clean(self):
        cleaned = super().clean()
        lines = [line.strip()[:150] for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
        if cleaned.get("kind") == ConsultationQuestion.Kind.CHOICE and not 2 <= len(lines) <= 8:
            self.add_error("choices", "Choix proposés : écrivez de 2 à 8 choix, un par ligne.")
        cleaned["choice_list"] = list(dict.fromkeys(lines))
        return cleaned


class ConsultationAnswerForm(forms.Form):
    """The questions of a consultation; every answer is optional, free answers are filtered."""

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(consultation.questions.all())
        for number, question in enumerate(self.questions, start=1):
            name = f"q_{question.pk}"
            words = f"Question {number}"
            if question.kind == ConsultationQuestion.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.label,
                    required=False,
                    choices=[(c, c) for c in question.choices],
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": f"{words} : choisissez une réponse dans la liste."},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.label,
                    required=False,
                    max_length=COMMENT_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text="Facultatif. Anonyme : ni nom, ni e-mail, ni téléphone.",
                    validators=[no_personal_data(words)],
                    error_messages={"max_length": f"{words} : {COMMENT_MAX} caractères au plus."},
                )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(f"q_{q.pk}") for q in self.questions):
            raise forms.ValidationError("Répondez à au moins une question avant d'envoyer.")
        return cleaned

    def answers(self) -> dict[int, str]:
        return {q.pk: (self.cleaned_data.get(f"q_{q.pk}") or "").strip() for q in self.questions}
