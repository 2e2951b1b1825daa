"""API rate limits: anonymous clients by address (`anon`), signed-in members by account (`user`).

The address is apps.core.client_ip: DRF's own reading trusts any X-Forwarded-For a client sends.
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from apps.core.client_ip import client_ip


class AnonymousRateThrottle(AnonRateThrottle):
    def get_ident(self, request):
        return client_ip(request)


class MemberRateThrottle(UserRateThrottle):
    """DRF's user throttle also counts anonymous clients, by address, under the looser member rate:
    a second counter (two cache round trips per request) that can never bite before `anon`."""

    def allow_request(self, request, view):
        if not request.user.is_authenticated:
            return True
        return super().allow_request(request, view)

    def get_ident(self, request):
        return client_ip(request)
