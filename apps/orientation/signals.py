"""The search's copy of the routing (routing.routed_networks) is forgotten when a rule changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from apps.directory.models import Network, Status, Theme

from .models import RoutingRule
from .routing import forget_search_networks


@receiver(post_save, sender=RoutingRule)
@receiver(post_delete, sender=RoutingRule)
@receiver(post_save, sender=Network)
@receiver(post_save, sender=Status)
@receiver(post_save, sender=Theme)
@receiver(m2m_changed, sender=RoutingRule.statuses.through)
@receiver(m2m_changed, sender=RoutingRule.themes.through)
def rules_changed(sender, **kwargs):
    forget_search_networks()
