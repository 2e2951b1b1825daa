"""load_demo: refused on a production platform (or, with --force, without the published password), and refused on
a database that holds another Région's data (switching region packs is safe)."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import CommandError, call_command

from apps.accounts.models import User
from apps.core.management.commands import load_demo
from apps.core.models import RegionStamp
from apps.directory.services import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def light_demo(monkeypatch):
    """The command's steps, reduced to the creation of the demo region admin (the real data takes minutes)."""

    def load_demo_data(*args, **kwargs):
        User.objects.create(email="admin@demo.spro.example", role="region_admin", password=make_password(DEMO_PASSWORD))
        return {"structures": 0, "places": 0, "services": 0, "users": 1}

    for name in ("load_reference_geography", "load_territories", "load_vocabularies", "load_default_frameworks"):
        monkeypatch.setattr(load_demo, name, lambda *args, **kwargs: None)
    for name in ("load_default_rules", "load_default_grid", "refresh_indicators", "refresh_panoramas"):
        monkeypatch.setattr(load_demo, name, lambda *args, **kwargs: None)
    monkeypatch.setattr(load_demo, "demo_data_loaded", lambda: False)
    monkeypatch.setattr(load_demo, "load_demo_data", load_demo_data)
    monkeypatch.setattr(load_demo, "demo_modules", lambda: {})
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


def test_the_first_load_stamps_the_database_with_the_region_of_the_pack(settings, light_demo, monkeypatch):
    settings.DEBUG = True
    call_command("load_demo")
    assert list(RegionStamp.objects.values_list("code", "name")) == [("24", "Centre-Val de Loire")]
    monkeypatch.setattr(load_demo, "demo_data_loaded", lambda: True)
    call_command("load_demo")  # the same pack again: accepted
    assert RegionStamp.objects.count() == 1


def test_a_database_of_another_region_is_refused_with_a_clear_message(settings, light_demo):
    settings.DEBUG = True
    RegionStamp.objects.create(code="53", name="Bretagne")
    with pytest.raises(CommandError) as refused:
        call_command("load_demo")
    assert str(refused.value).startswith(
        "Chargement refusé : cette base contient déjà les données de la région Bretagne"
    )
    assert "Le pack Centre-Val de Loire (24) ne peut pas y être chargé" in str(refused.value)
    assert not User.objects.exists()


def test_an_unstamped_database_with_other_territories_is_refused(settings, light_demo):
    settings.DEBUG = True
    from apps.geo.models import Departement, Region, Territory

    Region.objects.create(code="53", name="Bretagne")
    Departement.objects.create(code="35", name="Ille-et-Vilaine", region_id="53")
    Territory.objects.create(code="ille-et-vilaine", name="Ille-et-Vilaine", kind="departement", departement_id="35")
    with pytest.raises(CommandError, match="une autre région"):
        call_command("load_demo")
    assert not RegionStamp.objects.exists()
