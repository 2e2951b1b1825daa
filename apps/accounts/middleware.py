"""Session rules for professionals: the second factor before any page, and the idle timeout."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import second_factor

# Pages a signed-in person reaches before the second factor: the factor itself, and leaving.
OPEN_BEFORE_SECOND_FACTOR = {"accounts:otp_verify", "accounts:otp_setup", "accounts:logout"}
LAST_SEEN_KEY = "last_seen"
SIGNED_IN_AT_KEY = "signed_in_at"
LAST_SEEN_PRECISION = 60  # seconds: the session is written at most once a minute for this


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: enrolled users verify a code, region admins must enrol first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if second_factor.is_enrolled(user):
            target = "accounts:otp_verify"
        elif second_factor.is_required(user):
            target = "accounts:otp_setup"
        else:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Double authentification requise : connectez-vous sur le site."}, status=403)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class IdleTimeoutMiddleware:
    """A signed-in session ends after SPRO_SESSION_IDLE_SECONDS without any request, and SESSION_COOKIE_AGE
    after the login whatever the activity (writing the session each minute would otherwise extend its cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request, int(time.time()))
        return self.get_response(request)

    def check(self, request, now: int) -> None:
        session = request.session
        last_seen = session.get(LAST_SEEN_KEY, now)
        if now - last_seen > settings.SPRO_SESSION_IDLE_SECONDS:
            logout(request)
            minutes = settings.SPRO_SESSION_IDLE_SECONDS // 60
            messages.info(request, f"Votre session a pris fin après {minutes} minutes d'inactivité.")
        elif now - session.get(SIGNED_IN_AT_KEY, now) > settings.SESSION_COOKIE_AGE:
            logout(request)
            messages.info(request, "Votre session a pris fin : reconnectez-vous.")
        elif now - last_seen >= LAST_SEEN_PRECISION or LAST_SEEN_KEY not in session:
            session[LAST_SEEN_KEY] = now
            session.setdefault(SIGNED_IN_AT_KEY, now)


def _reset_last_seen(sender, request, user, **kwargs):
    request.session[LAST_SEEN_KEY] = request.session[SIGNED_IN_AT_KEY] = int(time.time())


user_logged_in.connect(_reset_last_seen, dispatch_uid="accounts_reset_last_seen")
