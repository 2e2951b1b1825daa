"""The panorama of a territory as a PDF for its committee (weasyprint, as the other PDFs of the platform)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .display import PanoramaView
from .networks import KEY_NETWORKS


def panorama_html(view: PanoramaView, series) -> str:
    return render_to_string(
        "territories/panorama_pdf.html",
        {
            "view": view,
            "networks": KEY_NETWORKS,
            "furthest": [(network, view.furthest(network.key)) for network in KEY_NETWORKS],
            "series": series,
            "generated_at": timezone.localtime(),
            "region_name": settings.SPRO_REGION_NAME,
            "site_url": settings.SPRO_SITE_URL,
        },
    )


def panorama_pdf(view: PanoramaView, series) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is only needed for this export

    return HTML(string=panorama_html(view, series), base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
