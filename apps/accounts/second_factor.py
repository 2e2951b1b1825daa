"""The TOTP second factor (django-otp): who must have one, enrolment, verification, backup codes.

Recovery: ten single-use backup codes are shown once at enrolment (and can be renewed); a person who lost both
their phone and their codes asks the platform's technical administrator, who deletes the device in /admin/.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
DEVICE_NAME = "Application d'authentification"


def is_required(user) -> bool:
    """Region admins must use a second factor (SPRO_OTP_REQUIRED, on whenever DJANGO_DEBUG=false)."""
    return settings.SPRO_OTP_REQUIRED and user.is_region_admin


def is_enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: its secret stays the same until confirmed, so a reload shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def secret_for_manual_entry(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm(device: TOTPDevice) -> list[str]:
    """Confirm the enrolment (its first code was accepted); returns the new backup codes, to show once."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Codes de secours", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(user, code: str):
    """The device that accepts the code (6 digits from the app, or a backup code, used once), or None."""
    code = code.replace(" ", "").strip()
    kind = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, kind) and device.verify_token(code):
                return device
    return None


@transaction.atomic
def remove(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
