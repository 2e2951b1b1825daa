"""Writes of the indicators app: the anonymous counter of assistant searches."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import AssistantSearchLog


def log_assistant_search(theme_code: str, commune=None) -> None:
    """Count one search answered by the public assistant: the day, the theme and the commune's SPRO territory.

    Nothing else is kept (no time of day, no commune, no age, no status), so no search can be traced back
    to a person. Call it from the assistant view once the answers are valid; it never raises.
    """
    territory_id = None
    if commune is not None:
        territory_id = commune.territories.values_list("pk", flat=True).order_by("pk").first()
    today = timezone.localdate()
    theme_code = (theme_code or "")[:60]
    try:
        with transaction.atomic():
            updated = AssistantSearchLog.objects.filter(
                date=today, theme_code=theme_code, territory_id=territory_id
            ).update(count=F("count") + 1)
            if not updated:
                AssistantSearchLog.objects.create(date=today, theme_code=theme_code, territory_id=territory_id, count=1)
    except IntegrityError:  # a counter must never break the page that calls it
        return
