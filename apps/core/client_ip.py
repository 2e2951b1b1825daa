"""The client's address, the same for every throttle and for the login lockout (django-axes).

Behind reverse proxies, REMOTE_ADDR is the nearest proxy: every visitor would share it. Each proxy appends
the address it received the request from to X-Forwarded-For, so with N trusted proxies the client is the
N-th address from the right. Anything to its left was written by the client and is never trusted.
SPRO_TRUSTED_PROXIES is 0 when the server faces the Internet (runserver): the header is then ignored.
"""

import ipaddress

from django.conf import settings

UNSPECIFIED = "0.0.0.0"


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request) -> str:
    # No REMOTE_ADDR: a request built in the process (force_login, a command). The unspecified address keeps
    # it a valid address for the columns that store it (django-axes' access log is an inet on PostgreSQL).
    remote = request.META.get("REMOTE_ADDR", "") or UNSPECIFIED
    proxies = settings.SPRO_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # the request did not come through all our proxies
    candidate = forwarded[-proxies]
    return candidate if _valid(candidate) else remote
