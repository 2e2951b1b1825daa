"""A fixed-window request counter per client address, for public write endpoints (call-backs, password reset).

Uses the default cache: configure a shared cache (Redis, Memcached, database) when several processes serve.
"""

import time

from django.core.cache import cache

from .client_ip import client_ip


def over_limit(request, scope: str, limit: int, period_seconds: int, key: str = "") -> bool:
    """Count this request; True once the client (or `key`, e.g. an e-mail) made more than `limit` requests
    in the current window."""
    window = int(time.time() // period_seconds)
    cache_key = f"throttle:{scope}:{key or client_ip(request)}:{window}"
    if cache.add(cache_key, 1, timeout=period_seconds):
        return False
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # the key expired between add and incr
        cache.add(cache_key, 1, timeout=period_seconds)
        return False
