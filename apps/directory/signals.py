"""Keep the search index in step with single-object writes (forms, API, admin, shell).

The one write path of the search data: every field the search reads (including the free text)
lives in `SearchEntry` and is written by `search_index.refresh`, called from here.

Bulk writes skip these signals and call `search_index.refresh` themselves.
"""

from contextvars import ContextVar

from django.core.signals import request_started
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from . import search_index
from .models import InfoType, Network, Place, SearchEntry, Service, ServiceLocation, Status, Structure, Theme

# Services being deleted: the deletion of their places and locations (which comes first) must not
# write them new entries (a service left with no place would become a remote door).
_deleting: ContextVar[frozenset] = ContextVar("search_index_deleting", default=frozenset())


@receiver(request_started)
def forget_deletions(sender, **kwargs):
    # A deletion that failed between its pre_delete and post_delete must not mute a later request.
    _deleting.set(frozenset())


def _refresh(service_ids) -> None:
    deleting = _deleting.get()
    search_index.refresh([pk for pk in service_ids if pk not in deleting])


@receiver(post_save, sender=Service)
def service_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh([instance.pk])


@receiver(pre_delete, sender=Service)
def service_deleting(sender, instance, **kwargs):
    _deleting.set(_deleting.get() | {instance.pk})


@receiver(post_delete, sender=Service)
def service_deleted(sender, instance, **kwargs):
    _deleting.set(_deleting.get() - {instance.pk})
    search_index.bump_version()  # its entries went by cascade


@receiver(post_save, sender=ServiceLocation)
def location_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh([instance.service_id])


@receiver(post_delete, sender=ServiceLocation)
def location_deleted(sender, instance, **kwargs):
    # Its entry goes by cascade; a service left with no place may become a remote door.
    _refresh([instance.service_id])


def _changed_services(instance, reverse, pk_set) -> list[int]:
    if not reverse:
        return [instance.pk]
    return list(pk_set or [])


@receiver(m2m_changed, sender=Service.statuses.through)
@receiver(m2m_changed, sender=Service.themes.through)
@receiver(m2m_changed, sender=Service.info_types.through)
@receiver(m2m_changed, sender=Service.places.through)
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove"):
        _refresh(_changed_services(instance, reverse, pk_set))
    elif action == "pre_clear" and reverse:
        rows = sender.objects.filter(**{instance._meta.model_name: instance})
        instance._search_services = list(rows.values_list("service_id", flat=True))
    elif action == "post_clear":
        _refresh([instance.pk] if not reverse else getattr(instance, "_search_services", []))


@receiver(post_save, sender=Place)
def place_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh(instance.service_locations.values_list("service_id", flat=True))


@receiver(pre_delete, sender=Place)
def place_deleting(sender, instance, **kwargs):
    instance._search_services = list(instance.service_locations.values_list("service_id", flat=True))


@receiver(post_delete, sender=Place)
def place_deleted(sender, instance, **kwargs):
    _refresh(getattr(instance, "_search_services", []))


@receiver(post_save, sender=Structure)
def structure_saved(sender, instance, created=False, raw=False, **kwargs):
    # Its name is searched, its territory places its remote services, withdrawing it hides them all.
    if not raw and not created:
        _refresh(instance.services.values_list("pk", flat=True))


@receiver(post_save, sender=Network)
def network_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:  # its label is part of what its structures' services are found by
        _refresh(Service.objects.filter(structure__network=instance).values_list("pk", flat=True))


def _tagged_services(term) -> list[int]:
    relation = {Status: "statuses", Theme: "themes", InfoType: "info_types", Network: "structure__network"}
    return list(Service.objects.filter(**{relation[type(term)]: term}).values_list("pk", flat=True))


@receiver(pre_save, sender=Network)  # the index keeps its code (the search puts the routing's networks first)
@receiver(pre_save, sender=Status)
@receiver(pre_save, sender=Theme)
@receiver(pre_save, sender=InfoType)
def term_saving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old_code = sender.objects.filter(pk=instance.pk).values_list("code", flat=True).first()
    instance._search_code_changed = old_code is not None and old_code != instance.code


@receiver(post_save, sender=Network)
@receiver(post_save, sender=Status)
@receiver(post_save, sender=Theme)
@receiver(post_save, sender=InfoType)
def term_saved(sender, instance, raw=False, **kwargs):
    if not raw and getattr(instance, "_search_code_changed", False):
        _refresh(_tagged_services(instance))


@receiver(pre_delete, sender=Status)
@receiver(pre_delete, sender=Theme)
@receiver(pre_delete, sender=InfoType)
def term_deleting(sender, instance, **kwargs):
    instance._search_services = _tagged_services(instance)


@receiver(post_delete, sender=Status)
@receiver(post_delete, sender=Theme)
@receiver(post_delete, sender=InfoType)
def term_deleted(sender, instance, **kwargs):
    _refresh(getattr(instance, "_search_services", []))


def fill_empty_index(sender, using="default", **kwargs):
    """After `migrate`: a database that predates the index (or was loaded in bulk) gets it built once."""
    if not SearchEntry.objects.using(using).exists() and Service.objects.using(using).public().exists():
        search_index.refresh()
