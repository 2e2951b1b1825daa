"""Approvals given in the platform by the authorised member of a signatory structure (the signature log)."""

from django.conf import settings
from django.db import models


class SignatureApproval(models.Model):
    """One approval of a convention or an amendment by a structure: who, when, which version of the text.

    Rows are never changed or deleted: they are the log of the electronic signatures.
    """

    convention = models.ForeignKey(
        "network.Convention", on_delete=models.PROTECT, related_name="approvals", verbose_name="convention"
    )
    amendment = models.ForeignKey(
        "network.Amendment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approvals",
        verbose_name="avenant",
    )
    structure = models.ForeignKey("directory.Structure", on_delete=models.PROTECT, verbose_name="structure")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="compte")
    signer_name = models.CharField("nom du ou de la signataire", max_length=150)
    signer_title = models.CharField("fonction", max_length=150)
    document_version = models.CharField("version du document approuvée", max_length=80)
    approved_at = models.DateTimeField("approuvé le")

    class Meta:
        verbose_name = "approbation en ligne"
        verbose_name_plural = "approbations en ligne"
        ordering = ["approved_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "structure"],
                condition=models.Q(amendment__isnull=True),
                name="approval_unique_convention_structure",
            ),
            models.UniqueConstraint(fields=["amendment", "structure"], name="approval_unique_amendment_structure"),
        ]

    def __str__(self):
        return f"{self.signer_name} ({self.structure}) — {self.amendment or self.convention}"
