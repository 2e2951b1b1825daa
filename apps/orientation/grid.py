"""The pre-interview grid (fiche repère n° 2 "grille de pré-entretien"): default questions."""

from .models import PreInterviewQuestion

DEFAULT_QUESTIONS = [
    ("La personne a-t-elle déjà un·e référent·e (France Travail, Mission locale, Cap emploi, APEC) ?", "yes_no", ""),
    ("La demande est-elle urgente (fin de contrat, fin de droits, rupture) ?", "yes_no", ""),
    ("La personne a-t-elle un projet professionnel ?", "choice", "Pas encore\nÀ préciser\nDéfini"),
    (
        "Comment la personne a-t-elle connu le service ?",
        "choice",
        "Bouche-à-oreille\nUn partenaire du SPRO\nInternet ou réseaux sociaux\nEtoile info\n"
        "Établissement scolaire\nAutre",
    ),
    ("Les informations sur le RGPD ont-elles été données ?", "yes_no", ""),
    ("La personne accepte-t-elle de répondre plus tard à un questionnaire de satisfaction ?", "yes_no", ""),
]


def load_default_grid() -> int:
    """Create the default questions once; afterwards the Region edits them."""
    if PreInterviewQuestion.objects.exists():
        return 0
    PreInterviewQuestion.objects.bulk_create(
        PreInterviewQuestion(text=text, kind=kind, choices=choices, position=i)
        for i, (text, kind, choices) in enumerate(DEFAULT_QUESTIONS)
    )
    return len(DEFAULT_QUESTIONS)
