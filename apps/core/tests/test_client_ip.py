"""One client address for every throttle and the login lockout, honouring the trusted proxies only (review M2, L3)."""

import pytest
from django.test import RequestFactory

from apps.core.client_ip import client_ip


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        (0, "203.0.113.7", "", "203.0.113.7"),
        (0, "203.0.113.7", "9.9.9.9", "203.0.113.7"),  # no proxy: a client's header is ignored
        (1, "127.0.0.1", "198.51.100.4", "198.51.100.4"),  # behind one proxy: the address it saw
        (1, "127.0.0.1", "9.9.9.9, 198.51.100.4", "198.51.100.4"),  # a spoofed prefix is ignored
        (2, "127.0.0.1", "9.9.9.9, 198.51.100.4, 10.0.0.2", "198.51.100.4"),
        (2, "127.0.0.1", "198.51.100.4", "127.0.0.1"),  # fewer hops than proxies: not through them
        (1, "127.0.0.1", "", "127.0.0.1"),
        (1, "127.0.0.1", "pas-une-adresse", "127.0.0.1"),
        (1, "127.0.0.1", "2001:db8::1", "2001:db8::1"),
        (0, "", "", "0.0.0.0"),  # no REMOTE_ADDR (a request built in the process): still an address
    ],
)
def test_client_ip(settings, proxies, remote, forwarded, expected):
    settings.SPRO_TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    assert client_ip(RequestFactory().get("/", **meta)) == expected
