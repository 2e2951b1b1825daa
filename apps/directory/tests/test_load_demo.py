"""load_demo on a production platform: refused, or (--force) without the published password."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import CommandError, call_command

from apps.accounts.models import User
from apps.directory.management.commands import load_demo
from apps.directory.services import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def light_demo(monkeypatch):
    """The command's steps, reduced to the creation of the demo region admin (the real data takes minutes)."""

    def load_demo_data():
        User.objects.create(email="admin@demo.spro.example", role="region_admin", password=make_password(DEMO_PASSWORD))
        return {"structures": 0, "places": 0, "services": 0, "users": 1}

    for name in ("load_reference_geography", "load_territories", "load_vocabularies"):
        monkeypatch.setattr(load_demo, name, lambda *args, **kwargs: None)
    for name in ("load_default_rules", "load_default_grid", "refresh_indicators"):
        monkeypatch.setattr(load_demo, name, lambda *args, **kwargs: None)
    monkeypatch.setattr(load_demo, "demo_data_loaded", lambda: False)
    monkeypatch.setattr(load_demo, "load_demo_data", load_demo_data)
    for module in (load_demo.orientation_demo, load_demo.network_demo, load_demo.programme_demo):
        monkeypatch.setattr(module, "load", lambda: 0)
    monkeypatch.setattr(load_demo.training_demo, "needs_demo_offer", lambda: False)


def test_refused_in_production_without_force(settings, light_demo):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=false"):
        call_command("load_demo")
    assert not User.objects.exists()


@pytest.mark.parametrize(("debug", "args", "published_password"), [(True, [], True), (False, ["--force"], False)])
def test_the_demo_admin_has_the_published_password_only_in_debug(settings, light_demo, debug, args, published_password):
    settings.DEBUG = debug
    call_command("load_demo", *args)
    admin = User.objects.get(email="admin@demo.spro.example")
    assert admin.check_password(DEMO_PASSWORD) is published_password
    assert admin.has_usable_password() is published_password
