"""The structures whose offer a user may edit (the staff's directory pages and their home page)."""

from django.db.models import QuerySet

from .models import Structure


def structures_of(user) -> QuerySet:
    """All for a region admin, else their memberships."""
    if user.is_region_admin:
        return Structure.objects.select_related("network").order_by("name")
    return Structure.objects.filter(memberships__user=user).select_related("network").order_by("name")
