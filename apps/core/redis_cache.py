"""Django's Redis cache, with one client per connection pool instead of one per operation.

Django builds a `redis.Redis` object for every get or set; with redis-py 8 that object costs about
0.3 ms to build (its response callbacks), more than the round trip to Redis itself, and the API pays
it five times per request (throttles, search answer). The client is thread-safe and only wraps the
pool, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class PooledRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
