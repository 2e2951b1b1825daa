"""What a comment of the public may not hold, as a table: refused kinds, and what stays allowed."""

import pytest
from django.core.exceptions import ValidationError

from apps.feedback.text_filter import no_personal_data, personal_data_in


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Très utile, merci !", []),
        ("J'habite au 41000 Blois", []),  # a postal code helps and identifies nobody
        ("Rendez-vous le 12/05 à 14h", []),
        ("Venu le 12-05-2026 au forum", []),
        ("Ouvert en 2026 et en 2027", []),
        ("Écrivez-moi : lou@personne.example", ["email"]),
        ("lou (at) personne.example", ["email"]),
        ("Mon numéro 06 12 34 56 78", ["phone"]),
        ("appelez le 0612345678", ["phone"]),
        ("06.12.34.56.78", ["phone"]),
        ("+33 6 12 34 56 78", ["phone"]),
        ("0033 6 12 34 56 78", ["phone"]),
        ("Mon numéro de sécu 1 85 05 78 006 084 36", ["digits"]),
        ("IBAN FR76 3000 6000 0112 3456 7890 189", ["digits"]),
        ("dossier 123456", ["digits"]),
        ("lou@personne.example ou 02 61 91 00 01", ["email", "phone"]),
    ],
)
def test_personal_data_in_a_comment(text, found):
    assert personal_data_in(text) == found


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lou@personne.example", "Commentaire : retirez une adresse e-mail."),
        ("06 12 34 56 78", "Commentaire : retirez un numéro de téléphone."),
        ("123 456 789", "Commentaire : retirez une longue suite de chiffres"),
    ],
)
def test_a_refused_comment_says_what_to_remove(text, message):
    with pytest.raises(ValidationError) as error:
        no_personal_data("Commentaire")(text)
    assert error.value.messages[0].startswith(message)
