import pytest

from apps.network.tests.factories import CoordinatorFactory, territory
from apps.orientation.services import ContactInput, send_referral
from tests.factories import MembershipFactory, NetworkFactory, PlaceFactory, StructureFactory, UserFactory


@pytest.fixture
def t41(db):
    return territory("loir-et-cher", "Loir-et-Cher", "41", "Loir-et-Cher")


@pytest.fixture
def t18(db):
    return territory("cher", "Cher", "18", "Cher")


@pytest.fixture
def ml_network(db):
    return NetworkFactory(code="ml")


@pytest.fixture
def bij(t41):
    return StructureFactory(slug="bij-41", name="BIJ 41", territory=t41)


@pytest.fixture
def mission_locale(t41, ml_network):
    structure = StructureFactory(slug="ml-blois", name="Mission locale du Blaisois", territory=t41, network=ml_network)
    PlaceFactory(structure=structure)
    return structure


@pytest.fixture
def bij_officer(bij):
    return MembershipFactory(structure=bij, user=UserFactory(email="accueil@bij-41.example")).user


@pytest.fixture
def ml_counsellor(mission_locale):
    return MembershipFactory(structure=mission_locale, user=UserFactory(email="conseil@ml-blois.example")).user


@pytest.fixture
def make_referral(bij, mission_locale, bij_officer, ml_counsellor):
    def make(email="lou@personne.example"):
        channel = "email" if email else "phone"
        contact = ContactInput("Lou", "" if email else "02 61 91 00 01", email, channel, consent=True)
        return send_referral(
            receiver=mission_locale,
            sender_structure=bij,
            sender_user=bij_officer,
            transmission_consent=True,
            contact=contact,
        )

    return make


@pytest.fixture
def coordinator_41(t41):
    return CoordinatorFactory(territory=t41, user=UserFactory(email="coord-41@test.spro.example")).user


@pytest.fixture
def coordinator_18(t18):
    return CoordinatorFactory(territory=t18, user=UserFactory(email="coord-18@test.spro.example")).user


@pytest.fixture
def region_admin(db):
    return UserFactory(email="region@test.spro.example", role="region_admin")


@pytest.fixture
def support_team(db):
    return UserFactory(email="appui@test.spro.example", role="support_team")
