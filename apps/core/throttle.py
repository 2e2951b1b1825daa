"""A fixed-window request counter per client address, for public write endpoints (call-back requests).

Uses the default cache: configure a shared cache (Redis, Memcached, database) when several processes serve.
"""

import time

from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request, scope: str, limit: int, period_seconds: int) -> bool:
    """Count this request; True once the address made more than `limit` requests in the current window."""
    window = int(time.time() // period_seconds)
    key = f"throttle:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=period_seconds):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=period_seconds)
        return False
