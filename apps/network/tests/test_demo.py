"""The demo data: one convention per territory for the current year, with grants, meetings and coordinators."""

import time
from datetime import date

import pytest

from apps.network import demo, selectors
from apps.network.models import Committee, Convention, Coordinator, Grant, Meeting
from tests.factories import NetworkFactory, StructureFactory

from .factories import territory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture
def small_region(loir_et_cher, ml_blaisois, cio_blois):
    """Three territories of the demo with a few of their structures (the whole directory is not needed)."""
    cidff = NetworkFactory(code="cidff", label="CIDFF")
    StructureFactory(slug="cidff-41", name="CIDFF de Loir-et-Cher", territory=loir_et_cher, network=cidff)
    cher = territory("cher", "Cher", "18", "Cher")
    StructureFactory(slug="cap-emploi-18", name="Cap emploi Cher", territory=cher)
    StructureFactory(slug="cio-bourges", name="CIO de Bourges", territory=cher)
    montargis = territory("montargis-gien", "Montargis / Gien", "45", "Loiret")
    StructureFactory(slug="ml-aijam", name="AIJAM", territory=montargis)
    StructureFactory(slug="cio-montargis", name="CIO de Montargis", territory=montargis)
    StructureFactory(slug="gip-alfa-centre", name="GIP Alfa Centre-Val de Loire", territory=None)
    prc = NetworkFactory(code="prc-vae", label="PRC-VAE")
    StructureFactory(slug="pic-vae-28", name="PIC-VAE d'Eure-et-Loir", network=prc)


def test_demo_creates_the_governance_of_every_territory_quickly(small_region):
    started = time.monotonic()
    assert demo.load(today=TODAY) == 3
    elapsed = time.monotonic() - started
    conventions = Convention.objects.filter(year=2026)
    assert conventions.count() == 3 and Grant.objects.count() == 3
    assert set(conventions.values_list("territory__code", "status")) == {
        ("loir-et-cher", "in_force"),
        ("cher", "in_force"),
        ("montargis-gien", "sent"),  # some signatures are still awaited
    }
    assert len(selectors.pending_signatures(Convention.objects.all())) == 1
    loir_et_cher = conventions.get(territory__code="loir-et-cher")
    roles = dict(loir_et_cher.signatories.values_list("structure__slug", "role"))
    assert roles["ml-blaisois"] == "member" and roles["gip-alfa-centre"] == "member"
    assert roles["cidff-41"] == roles["pic-vae-28"] == "resource_partner"
    payments = loir_et_cher.grant.payments.all()
    assert [p.kind for p in payments] == ["advance", "advance"] and all(p.paid_on for p in payments)
    assert Committee.objects.filter(kind="regional").count() == 1
    assert Meeting.objects.filter(committee__kind="regional").count() == 2
    assert Meeting.objects.filter(committee__kind="local").count() == 6
    designations = Coordinator.objects.filter(territory__code="loir-et-cher").select_related("user")
    assert len(designations) == 2 and all(c.designation_meeting for c in designations)  # a pair, with the minutes
    assert all(c.user.email.endswith("@demo.spro.example") for c in Coordinator.objects.select_related("user"))
    assert demo.load(today=TODAY) == 0  # loaded once
    assert elapsed < 3, f"the network demo took {elapsed:.1f} s"
