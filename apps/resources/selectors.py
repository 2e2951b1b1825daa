"""Reads of the mallette: what a user may list (the audience rule of perms.py), search, the état des lieux."""

from django.db.models import Q

from .models import InformationTool, Resource
from .perms import can_manage_resources, visible_audiences


def visible_resources(user, *, query: str = "", category=None):
    resources = Resource.objects.filter(audience__in=visible_audiences(user)).select_related("category")
    if not can_manage_resources(user):
        resources = resources.filter(is_active=True)
    if category is not None:
        resources = resources.filter(category=category)
    for word in query.split()[:8]:
        resources = resources.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return resources.order_by("category__position", "title")


def tools_by_network() -> list[tuple[str, list[InformationTool]]]:
    groups: dict[str, list] = {}
    for tool in InformationTool.objects.select_related("network").order_by("network__label", "name"):
        label = tool.network.label if tool.network_id else "Outils communs à tout le SPRO"
        groups.setdefault(label, []).append(tool)
    return sorted(groups.items(), key=lambda item: (item[0] != "Outils communs à tout le SPRO", item[0]))
