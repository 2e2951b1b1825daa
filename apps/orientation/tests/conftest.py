import pytest

from apps.orientation.services import ContactInput, send_referral
from tests.factories import CommuneFactory, MembershipFactory, StructureFactory, UserFactory


@pytest.fixture
def blois(db):
    return CommuneFactory()


@pytest.fixture
def bij(db):
    """The first door: a Bureau Information Jeunesse."""
    return StructureFactory(slug="bij-41", name="BIJ 41")


@pytest.fixture
def mission_locale(db):
    """The second door."""
    return StructureFactory(slug="ml-blois", name="Mission locale du Blaisois")


@pytest.fixture
def third(db):
    return StructureFactory(slug="cio-vendome", name="CIO de Vendôme")


@pytest.fixture
def bij_officer(bij):
    return MembershipFactory(structure=bij, user=UserFactory(email="accueil@bij-41.example")).user


@pytest.fixture
def ml_counsellor(mission_locale):
    return MembershipFactory(structure=mission_locale, user=UserFactory(email="conseil@ml-blois.example")).user


@pytest.fixture
def outsider(third):
    return MembershipFactory(structure=third, user=UserFactory(email="accueil@cio-vendome.example")).user


@pytest.fixture
def make_referral(bij, mission_locale, bij_officer, ml_counsellor):
    def make(with_contact=True, **facts):
        contact = ContactInput("Lou", "06 00 00 00 01", "", "phone", consent=True) if with_contact else None
        return send_referral(
            receiver=mission_locale,
            sender_structure=bij,
            sender_user=bij_officer,
            transmission_consent=True,
            contact=contact,
            **facts,
        )

    return make
