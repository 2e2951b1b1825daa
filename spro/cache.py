"""The CACHES setting from one environment variable, SPRO_CACHE_URL.

The cache holds the API throttles' counters, the call-back throttle and the search answers; with
several worker processes it must be shared, or each worker counts (and caches) on its own:

- ``redis://host:6379/0``: Redis, for several servers;
- ``file:///var/cache/spro``: files in a folder, for one server (what `make serve-prod` uses);
- empty: memory of the process (development, tests).
"""

import hashlib


def cache_settings(url: str, database_name: str) -> dict:
    # Two databases on one cache (staging and production, the benchmarks' engines) never share a key.
    prefix = hashlib.sha256(str(database_name).encode()).hexdigest()[:8]
    if url.startswith(("redis://", "rediss://")):
        # django-redis keeps one client per server for the process (Django's own backend builds one per operation).
        backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}
    elif url.startswith("file://"):
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
            # Past MAX_ENTRIES each write culls a third of the files: keep it far above the working set.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    elif not url:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        raise ValueError(f"SPRO_CACHE_URL : « {url} » n'est ni redis://…, ni file://…")
    return {"default": backend | {"KEY_PREFIX": prefix}}
