from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def region_admin_required(view):
    """Anonymous visitors go to the login page; signed-in users who are not region admins get a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_region_admin:
            raise PermissionDenied("Réservé à l'administration régionale.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)
