import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
# The tests run on tests.settings (fast hasher), inherited by subprocesses: the checks below are of the product's.
PRODUCTION_SETTINGS = "spro.settings"


def test_five_failures_lock_the_account_for_that_address(client, member_a, settings):
    settings.AXES_ENABLED = True
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": member_a.email, "password": "mauvais-mot-de-passe"})
    locked = client.post(url, {"username": member_a.email, "password": "mot-de-passe-de-test"})
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_counter(client, member_a, settings):
    settings.AXES_ENABLED = True
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, {"username": member_a.email, "password": "mauvais-mot-de-passe"})
    assert client.post(url, {"username": member_a.email, "password": "mot-de-passe-de-test"}).status_code == 302


def test_pages_carry_security_headers(client):
    response = client.get(reverse("public:legal"))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_production_settings_pass_the_deploy_check():
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "k" * 20 + "-test-only-" + "z" * 30,
        "DJANGO_ALLOWED_HOSTS": "spro.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = os.environ | {"DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY est obligatoire" in result.stderr
