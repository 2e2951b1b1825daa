from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static

from apps.core import region_pack
from apps.core.region_pack import GENERATED_NOTICE


def _generated_demo_loaded() -> bool:
    """Whether the generated demo directory is in the database (asked every 5 minutes at most)."""
    from apps.directory.models import Structure

    return cache.get_or_set("spro:generated-demo-loaded", lambda: Structure.objects.filter(source="demo").exists(), 300)


def site(request):
    """The platform's identity on every page: the one place templates read the Région's name, logo and line.

    The settings take their default from the region pack (SPRO_REGION); its colours pass the contrast check of
    check_region_pack; a pack whose demo directory is generated says so on every page.
    """
    pack = region_pack.current()
    return {
        "SITE_NAME": f"SPRO {settings.SPRO_REGION_NAME}",
        "SITE_TAGLINE": pack.identity["tagline"],
        "PHONE_LINE": settings.SPRO_PHONE_LINE,
        "REGION_NAME": settings.SPRO_REGION_NAME,
        "REGION_LOGO_URL": static(settings.SPRO_REGION_LOGO) if settings.SPRO_REGION_LOGO else "",
        "REGION_URL": settings.SPRO_REGION_URL,
        "REGION_COLOURS": pack.identity["colours"],
        "DEMO_GENERATED_NOTICE": GENERATED_NOTICE if pack.demo["generated"] and _generated_demo_loaded() else "",
    }
