"""What a free comment of the public may not hold: e-mail addresses, phone numbers, long runs of digits.

One definition, used by the page comments and the free answers of consultations. A comment that holds
one is refused with a message that says what to remove (nothing is silently stored or altered).
"""

import re

from django.core.exceptions import ValidationError

EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A run of digits, spaces, dots or dashes allowed between them, with an optional leading "+".
NUMBER = re.compile(r"\+?\d(?:[\s.\-]?\d)*")
# Six digits or more are refused (social security, bank, file numbers...); a phone number is named as such.
# Five digits stay allowed: a postal code helps to understand a comment.
LONG_RUN = 6
DATE = re.compile(r"\d{1,2}[.\-]\d{1,2}[.\-](?:\d{2}|\d{4})")  # 12-05-2026 is a date, not a number

KINDS = {
    "email": "une adresse e-mail",
    "phone": "un numéro de téléphone",
    "digits": "une longue suite de chiffres (numéro de sécurité sociale, de compte, de dossier…)",
}


def personal_data_in(text: str) -> list[str]:
    """The kinds of personal data found in the text, in the order of KINDS."""
    text = text or ""
    found = []
    if EMAIL.search(text):
        found.append("email")
    for match in NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) < LONG_RUN or DATE.fullmatch(match.group()):
            continue
        is_phone = match.group().startswith("+") or (len(digits) == 10 and digits.startswith("0"))
        kind = "phone" if is_phone or (digits.startswith("0033") and len(digits) == 13) else "digits"
        if kind not in found:
            found.append(kind)
    found.sort(key=list(KINDS).index)
    return found


def no_personal_data(label: str):
    """Validator of a free comment: refused, with a message naming the field and what to remove."""

    def validate(text: str) -> None:
        found = personal_data_in(text)
        if found:
            what = " et ".join(KINDS[kind] for kind in found)
            raise ValidationError(
                f"{label} : retirez {what}. Ce commentaire est anonyme : n'y écrivez ni coordonnées, "
                "ni numéro qui permettrait de vous reconnaître."
            )

    return validate
