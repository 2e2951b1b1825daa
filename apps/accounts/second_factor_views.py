"""Pages of the second factor: verify at login, enrol (QR code), the account's security page."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import second_factor
from .forms import SecondFactorCodeForm


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if safe else reverse("workspace:dashboard")


@login_required
def verify(request):
    if not second_factor.is_enrolled(request.user):
        return redirect("accounts:otp_setup")
    form = SecondFactorCodeForm(request.POST or None, check=lambda code: second_factor.verify(request.user, code))
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        return redirect(_next(request))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})


@login_required
def setup(request):
    if second_factor.is_enrolled(request.user) and not request.user.is_verified():
        return redirect("accounts:otp_verify")
    device = second_factor.pending_device(request.user)
    form = SecondFactorCodeForm(
        request.POST or None, check=lambda code: device if device.verify_token(code.replace(" ", "")) else None
    )
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm(device)
        django_otp.login(request, device)
        return render(request, "accounts/otp_backup_codes.html", {"codes": codes, "next": _next(request)})
    context = {
        "form": form,
        "qr_code": second_factor.qr_code_data_uri(device),
        "secret": second_factor.secret_for_manual_entry(device),
        "next": _next(request),
        "required": second_factor.is_required(request.user),
    }
    return render(request, "accounts/otp_setup.html", context)


@login_required
def security(request):
    context = {
        "enrolled": second_factor.is_enrolled(request.user),
        "required": second_factor.is_required(request.user),
        "backup_codes_left": second_factor.backup_codes_left(request.user),
        "idle_minutes": settings.SPRO_SESSION_IDLE_SECONDS // 60,
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def new_backup_codes(request):
    if not (second_factor.is_enrolled(request.user) and request.user.is_verified()):
        return redirect("accounts:security")
    codes = second_factor.new_backup_codes(request.user)
    return render(request, "accounts/otp_backup_codes.html", {"codes": codes, "next": reverse("accounts:security")})


@login_required
@require_POST
def remove(request):
    if second_factor.is_required(request.user):
        messages.error(request, "La double authentification est obligatoire pour votre rôle.")
    elif request.user.is_verified():
        second_factor.remove(request.user)
        messages.success(request, "La double authentification est désactivée pour votre compte.")
    return redirect("accounts:security")
