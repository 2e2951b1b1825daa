"""Personas of the governance: the Region, the coordinators of Loir-et-Cher and Cher, a member of a structure."""

from datetime import date

import pytest

from apps.network import services
from tests.factories import MembershipFactory, StructureFactory, UserFactory

from .factories import CoordinatorFactory, GrantFactory, territory

PAST = date(2026, 11, 2)  # a fixed "today" for the workflow tests, after the 2026 signatures


@pytest.fixture(autouse=True)
def fast_settings(settings, tmp_path):
    """Uploads go to a temporary folder; passwords of test accounts are hashed cheaply."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def loir_et_cher(db):
    return territory("loir-et-cher", "Loir-et-Cher", "41", "Loir-et-Cher")


@pytest.fixture
def cher(db):
    return territory("cher", "Cher", "18", "Cher")


@pytest.fixture
def ml_blaisois(loir_et_cher):
    return StructureFactory(slug="ml-blaisois", name="Mission locale du Blaisois", territory=loir_et_cher)


@pytest.fixture
def cio_blois(loir_et_cher):
    return StructureFactory(slug="cio-blois", name="CIO de Blois", territory=loir_et_cher)


@pytest.fixture
def cidff_41(loir_et_cher):
    return StructureFactory(slug="cidff-41", name="CIDFF de Loir-et-Cher", territory=loir_et_cher)


@pytest.fixture
def ml_bourges(cher):
    return StructureFactory(slug="ml-bourges", name="Mission locale de Bourges", territory=cher)


@pytest.fixture
def coordinator_41(loir_et_cher, ml_blaisois):
    user = UserFactory(email="coord-41@test.spro.example", first_name="Manon", last_name="Essai")
    CoordinatorFactory(territory=loir_et_cher, user=user, structure=ml_blaisois)
    return user


@pytest.fixture
def coordinator_18(cher, ml_bourges):
    user = UserFactory(email="coord-18@test.spro.example", first_name="Mathis", last_name="Essai")
    CoordinatorFactory(territory=cher, user=user, structure=ml_bourges)
    return user


@pytest.fixture
def cio_member(cio_blois):
    return MembershipFactory(structure=cio_blois, user=UserFactory(email="accueil@cio-blois.test")).user


@pytest.fixture
def convention_41(loir_et_cher, ml_blaisois, cio_blois, region_admin):
    """The 2027 convention of Loir-et-Cher, sent for signature to two structures."""
    convention = services.create_convention(loir_et_cher, 2027, by=region_admin)
    services.add_signatories(convention, [ml_blaisois, cio_blois], "member", by=region_admin)
    services.send_for_signature(convention, by=region_admin, on=date(2026, 10, 1))
    return convention


@pytest.fixture
def grant_41(convention_41, ml_blaisois, region_admin):
    grant = GrantFactory.build(convention=convention_41, beneficiary=ml_blaisois, lump_sum_cents=1_001)
    return services.save_grant(grant, by=region_admin)


@pytest.fixture
def signed_41(convention_41, grant_41, region_admin):
    """All signatures received on 2 and 5 November 2026: the advances are generated."""
    dates = {s.pk: date(2026, 11, 2 + 3 * i) for i, s in enumerate(convention_41.signatories.order_by("pk"))}
    services.record_signatures(convention_41, dates, by=region_admin, today=date(2026, 11, 10))
    convention_41.refresh_from_db()
    return convention_41


@pytest.fixture
def plenary_41(loir_et_cher):
    """The plenary meeting of rentrée 2026 of the Loir-et-Cher's committee, which designates the coordination."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from apps.network.models import Meeting

    starts = datetime(2026, 9, 18, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    return Meeting.objects.create(
        committee=services.local_committee(loir_et_cher),
        title="Réunion plénière de rentrée 2026",
        starts_at=starts,
        place="Blois",
        agenda="Désignation de la coordination",
    )
