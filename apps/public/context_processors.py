from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "SPRO Centre-Val de Loire",
        "SITE_TAGLINE": "Service public régional de l'orientation",
        "PHONE_LINE": settings.SPRO_PHONE_LINE,
        "REGION_NAME": settings.SPRO_REGION_NAME,
    }
