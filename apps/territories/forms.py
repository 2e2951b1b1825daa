from django import forms
from django.core.validators import FileExtensionValidator

from apps.core.uploads import validate_document_content

from .models import TerritoryDocument, validate_pdf_size


class SeriesImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV des séries",
        help_text="Colonnes : serie, code, periode, valeur, unite, source, licence (UTF-8, virgule ou point-virgule).",
        validators=[FileExtensionValidator(["csv"], "Le fichier doit être un CSV (extension .csv).")],
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="Type de document", choices=TerritoryDocument.Kind.choices)
    title = forms.CharField(
        label="Titre",
        max_length=200,
        help_text="Le même titre et le même type qu'un document existant en ajoutent une nouvelle version.",
    )
    file = forms.FileField(
        label="Fichier PDF",
        help_text="PDF, 10 Mo au plus.",
        validators=[
            FileExtensionValidator(["pdf"], "Le document doit être un PDF (extension .pdf)."),
            validate_pdf_size,
            validate_document_content,
        ],
    )
    note = forms.CharField(label="Ce qui change dans cette version", max_length=300, required=False)
