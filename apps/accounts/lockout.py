"""Login lockout by account and by address (django-axes handler).

axes compares one failure count with AXES_FAILURE_LIMIT. Two counts matter here: the failures on one
account from one address (AXES_FAILURE_LIMIT, so nobody locks an account from elsewhere, nor from a shared
address with fewer failures than that), and the failures from one address over every account
(SPRO_LOGIN_ADDRESS_FAILURE_LIMIT, higher: password spraying). The address count is scaled to axes' limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _total(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        counts = [_total(attempts) for attempts in self.get_user_attempts(request, credentials)]
        if len(counts) != 2:  # no username in the request: only the address is counted
            return max(counts, default=0)
        pair, address = counts
        # address >= address limit  <=>  address * limit // address limit >= limit (integer division)
        return max(pair, address * settings.AXES_FAILURE_LIMIT // settings.SPRO_LOGIN_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A success clears its own account's failures, never its address's: a sprayer who logs in to its
        own account between attempts would otherwise start again from zero."""
        attempts = self.filter_user_attempts(request, credentials)
        count, _ = attempts[0].delete() if len(attempts) == 2 else (0, None)
        return count
