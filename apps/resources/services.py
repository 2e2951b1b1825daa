"""Writes of the mallette: resources and their versions, download counts, the état des lieux."""

from django.db import transaction
from django.db.models import F, Max
from django.utils.text import slugify

from .models import Resource, ResourceVersion


def unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:70] or "ressource"
    slug, n = base, 1
    while Resource.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def add_version(resource: Resource, file, note: str = "", by=None) -> ResourceVersion:
    """A new version (the previous ones stay downloadable); numbered after the highest one."""
    Resource.objects.select_for_update().filter(pk=resource.pk).first()
    number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return ResourceVersion.objects.create(resource=resource, number=number, file=file, note=note, created_by=by)


@transaction.atomic
def save_resource(resource: Resource, file=None, note: str = "", by=None) -> Resource:
    if not resource.slug:
        resource.slug = unique_slug(resource.title, resource.pk)
    resource.save()
    if file:
        add_version(resource, file, note or "Première version", by)
    return resource


def count_download(resource: Resource) -> None:
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
