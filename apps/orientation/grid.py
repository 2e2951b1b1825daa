"""The pre-interview grid (fiche repère n° 2 "grille de pré-entretien"): default questions from the region pack."""

from apps.core import region_pack

from .models import PreInterviewQuestion


def default_questions() -> list[tuple[str, str, str]]:
    """(text, kind, choices one a line) of the pack's pre_interview_grid.json."""
    questions = region_pack.current().read_json("pre_interview_grid")["questions"]
    return [(q["text"], q["kind"], "\n".join(q["choices"])) for q in questions]


def load_default_grid() -> int:
    """Create the default questions once; afterwards the Region edits them."""
    if PreInterviewQuestion.objects.exists():
        return 0
    questions = default_questions()
    PreInterviewQuestion.objects.bulk_create(
        PreInterviewQuestion(text=text, kind=kind, choices=choices, position=i)
        for i, (text, kind, choices) in enumerate(questions)
    )
    return len(questions)
