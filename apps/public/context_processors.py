from django.conf import settings
from django.templatetags.static import static


def site(request):
    """The platform's identity on every page: the one place templates read the Région's name, logo and line.

    A later region pack replaces these settings; the templates keep reading the same names.
    """
    return {
        "SITE_NAME": f"SPRO {settings.SPRO_REGION_NAME}",
        "SITE_TAGLINE": "Service public régional de l'orientation",
        "PHONE_LINE": settings.SPRO_PHONE_LINE,
        "REGION_NAME": settings.SPRO_REGION_NAME,
        "REGION_LOGO_URL": static(settings.SPRO_REGION_LOGO) if settings.SPRO_REGION_LOGO else "",
        "REGION_URL": settings.SPRO_REGION_URL,
    }
