"""SPRO_CACHE_URL → CACHES: one shared cache for every worker, never shared between two databases."""

import pytest

from spro.cache import cache_settings


def test_no_url_keeps_the_memory_of_the_process():
    cache = cache_settings("", "/srv/spro/db.sqlite3")["default"]
    assert cache["BACKEND"].endswith("LocMemCache")


def test_a_file_url_shares_a_folder_between_workers():
    cache = cache_settings("file:///var/cache/spro", "spro")["default"]
    assert cache["BACKEND"].endswith("FileBasedCache") and cache["LOCATION"] == "/var/cache/spro"
    assert cache["OPTIONS"]["MAX_ENTRIES"] >= 10_000


def test_a_redis_url_uses_redis():
    cache = cache_settings("redis://127.0.0.1:6379/1", "spro")["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache" and cache["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_two_databases_never_share_keys():
    assert (
        cache_settings("", "spro")["default"]["KEY_PREFIX"]
        != cache_settings("", "spro_staging")["default"]["KEY_PREFIX"]
    )


def test_an_unknown_scheme_is_refused_in_french():
    with pytest.raises(ValueError, match="SPRO_CACHE_URL"):
        cache_settings("memcached://127.0.0.1", "spro")


def test_the_redis_cache_builds_one_client_per_server_not_one_per_operation():
    from django_redis.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {})  # no connection is opened before a command
    first = cache.client.get_client(write=False)
    assert cache.client.get_client(write=True) is first
