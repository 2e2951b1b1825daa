"""Where a form may send the user back to: only a path of this site (review L9: no open redirect)."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str) -> str:
    """The `next` field of a posted form when it is a path of this site, else the default (a path or a URL name)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return default
