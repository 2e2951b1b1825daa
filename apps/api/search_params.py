"""The search API's parameters read without DRF's serializer, when they are plainly valid.

`lean_params` accepts only what `SearchParamsSerializer` accepts, with the same values; anything
else (an unknown code, a number out of range, an odd character) gives None and goes through the
serializer, which gives the error. The vocabularies and the communes asked are kept in the
process for a minute: a vocabulary deactivated by the region is refused again within a minute.
"""

import re
import time

from django.db.models.signals import post_delete, post_save

from apps.core.bounds import MAX_OFFSET
from apps.directory.models import InfoType, Status, Theme
from apps.directory.selectors import DEFAULT_RADIUS_KM, MAX_RADIUS_KM
from apps.geo.models import Commune

KEEP_SECONDS = 60
MAX_COMMUNES = 5000
_INTEGER = re.compile(r"[0-9]{1,7}")
_CODE = re.compile(r"[0-9][0-9AB][0-9]{3}")
_INTEGERS = {"radius_km": (1, MAX_RADIUS_KM, DEFAULT_RADIUS_KM), "limit": (1, 100, 20), "offset": (0, MAX_OFFSET, 0)}
_VOCABULARIES = {"status": Status, "theme": Theme, "info_type": InfoType}


class _ProcessCache:
    """Values of this process, forgotten every KEEP_SECONDS."""

    def __init__(self):
        self.values: dict = {}
        self.since = time.monotonic()

    def get(self, key, compute):
        if time.monotonic() - self.since > KEEP_SECONDS or len(self.values) > MAX_COMMUNES:
            self.clear()
        if key not in self.values:
            self.values[key] = compute()
        return self.values[key]

    def clear(self):
        self.values, self.since = {}, time.monotonic()


_cache = _ProcessCache()


def forget(**kwargs) -> None:
    """A vocabulary or a commune changed in this process: read them again (other processes within a minute)."""
    _cache.clear()


for _model in (Status, Theme, InfoType, Commune):
    post_save.connect(forget, sender=_model, dispatch_uid=f"search-params-{_model.__name__}-saved")
    post_delete.connect(forget, sender=_model, dispatch_uid=f"search-params-{_model.__name__}-deleted")


def active_codes(field: str) -> frozenset[str]:
    model = _VOCABULARIES[field]
    return _cache.get(field, lambda: frozenset(model.objects.filter(is_active=True).values_list("code", flat=True)))


def commune(code: str) -> Commune | None:
    communes = Commune.objects.select_related("departement")
    return _cache.get(("commune", code), lambda: communes.filter(code=code).first())


def lean_params(query) -> dict | None:
    """The validated parameters, or None when the serializer must judge them."""
    params = {}
    for name, (low, high, default) in _INTEGERS.items():
        raw = query.get(name)
        if raw is None:
            params[name] = default
        elif _INTEGER.fullmatch(raw) and low <= int(raw) <= high:
            params[name] = int(raw)
        else:
            return None
    for name in ("commune", "status", "theme", "info_type", "q"):
        raw = query.get(name, "")
        if not raw.isprintable():  # NUL, surrogates, controls: the serializer's validators decide
            return None
        params[name] = raw.strip()
    if len(params["q"]) > 100:
        return None
    for name in _VOCABULARIES:
        if params[name] and params[name] not in active_codes(name):
            return None
    code = params["commune"]
    if code:
        found = commune(code) if _CODE.fullmatch(code) else None
        if found is None:
            return None
        params["commune"] = found
    else:
        params["commune"] = None
    return params
