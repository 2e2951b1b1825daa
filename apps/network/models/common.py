"""Helpers shared by the governance models: school years, civil years, uploaded documents."""

from datetime import date
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils import timezone

from apps.core.bounds import FIRST_YEAR  # noqa: F401 (one definition, imported from here by the models)
from apps.core.uploads import validate_document_content

DOCUMENT_EXTENSIONS = ["pdf", "odt", "doc", "docx", "jpg", "jpeg", "png"]
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
LAST_YEAR = 2100


def current_school_year(today: date | None = None) -> int:
    """The school year as its starting calendar year: 2026 stands for 2026-2027 (from 1 September)."""
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def school_year_label(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def validate_document_size(upload) -> None:
    if upload and upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError("Le fichier dépasse 10 Mo.")


document_validators = [FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size, validate_document_content]


def document_name(field_file) -> str:
    return PurePosixPath(field_file.name).name if field_file else ""
