"""Uploaded documents: the content must be what the extension says, and a replaced file leaves the storage.

An extension is only a name: "x.html.pdf" or a PNG holding HTML passed the extension check. The first bytes
of each format are fixed (its "magic number"), so a file whose start does not match its extension is refused.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import FileField

ZIP = (b"PK\x03\x04",)  # ODF and OOXML documents are zip archives
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "odt": ZIP,
    "docx": ZIP,
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE2 compound file
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
LABELS = {"pdf": "un PDF", "odt": "un document ODT", "docx": "un document DOCX", "doc": "un document DOC"}


def validate_document_content(upload) -> None:
    """The file's first bytes match its extension (the extension itself is checked by FileExtensionValidator)."""
    if not upload or getattr(upload, "_committed", False):
        return  # a file already stored (the form left it unchanged) was checked when it came in
    extension = PurePosixPath(upload.name).suffix.lower().lstrip(".")
    signatures = SIGNATURES.get(extension)
    if signatures is None:
        return
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(signatures):
        what = LABELS.get(extension, "une image " + extension.upper())
        raise ValidationError(
            f"Le fichier « {PurePosixPath(upload.name).name} » n'est pas {what} : son contenu "
            f"ne correspond pas à son extension."
        )


def _file_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, FileField)]


def remove_replaced_files(sender, instance, **kwargs) -> None:
    """pre_save: once the new row is committed, delete from the storage the files it no longer points to."""
    if instance.pk is None or kwargs.get("raw"):
        return
    names = _file_fields(sender)
    before = sender._default_manager.filter(pk=instance.pk).values(*names).first() if names else None
    for name in names if before else []:
        old, new = before[name], getattr(instance, name)
        if old and old != (new.name if new else ""):
            storage = sender._meta.get_field(name).storage
            transaction.on_commit(lambda storage=storage, old=old: storage.delete(old))
