"""Small hand-built directory for the API tests (the demo region is used only where stated).

The demo region, once loaded by a test, stays in the test database for the rest of the process:
hand-built data therefore lives in Corsica (Ajaccio, Bastia), far from the Centre-Val de Loire demo.
"""

import pytest
from rest_framework.test import APIClient

from apps.directory.models import Status, Theme
from tests.factories import CommuneFactory, DepartementFactory, PlaceFactory, RegionFactory, ServiceFactory


@pytest.fixture
def api():
    return APIClient()


def _corsica(departement_code: str, departement_name: str):
    region = RegionFactory(code="94", name="Corse")
    return DepartementFactory(code=departement_code, name=departement_name, region=region)


@pytest.fixture
def ajaccio(db):
    return CommuneFactory(
        code="2A004",
        name="Ajaccio",
        postal_codes="20000 20090",
        departement=_corsica("2A", "Corse-du-Sud"),
        latitude=41.9192,
        longitude=8.7386,
        population=74000,
    )


@pytest.fixture
def bastia(db):
    return CommuneFactory(
        code="2B033",
        name="Bastia",
        postal_codes="20200 20600",
        departement=_corsica("2B", "Haute-Corse"),
        latitude=42.6976,
        longitude=9.4508,
        population=48000,
    )


@pytest.fixture
def place_a(structure_a, ajaccio):
    return PlaceFactory(structure=structure_a, commune=ajaccio, name="Accueil A")


@pytest.fixture
def place_b(structure_b, ajaccio):
    return PlaceFactory(structure=structure_b, commune=ajaccio, name="Accueil B")


@pytest.fixture
def service_a(vocabularies, place_a):
    service = ServiceFactory(structure=place_a.structure, name="Conseil A", at=[place_a])
    service.statuses.set([Status.objects.get(code="demandeur-emploi")])
    service.themes.set([Theme.objects.get(code="trouver-emploi")])
    return service
