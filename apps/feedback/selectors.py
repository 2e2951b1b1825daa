"""Reads of the feedback app: the consultations a user runs, the territories they may run one for."""

from apps.accounts.perms import is_region_admin
from apps.geo.models import Territory
from apps.network.selectors import coordinated_territory_ids

from .models import Consultation


def territories_for(user):
    if is_region_admin(user):
        return Territory.objects.all().order_by("departement_id", "name")
    return Territory.objects.filter(pk__in=coordinated_territory_ids(user)).order_by("departement_id", "name")


def consultations_for(user):
    qs = Consultation.objects.select_related("territory")
    if is_region_admin(user):
        return qs
    return qs.filter(territory_id__in=coordinated_territory_ids(user))
