from django.db.models import QuerySet

from apps.directory.models import Structure


def structures_of(user) -> QuerySet:
    """The structures whose offer the user may edit: all for a region admin, else their memberships."""
    if user.is_region_admin:
        return Structure.objects.select_related("network").order_by("name")
    return Structure.objects.filter(memberships__user=user).select_related("network").order_by("name")
