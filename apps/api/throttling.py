"""API rate limits: anonymous clients by address (`anon`), signed-in members by account (`user`)."""

from rest_framework.throttling import UserRateThrottle


class MemberRateThrottle(UserRateThrottle):
    """DRF's user throttle also counts anonymous clients, by address, under the looser member rate:
    a second counter (two cache round trips per request) that can never bite before `anon`."""

    def allow_request(self, request, view):
        if not request.user.is_authenticated:
            return True
        return super().allow_request(request, view)
