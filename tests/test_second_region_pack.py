"""The second region pack (Bretagne, 53) runs the platform: a fresh database loaded by `load_demo` with
SPRO_REGION=53, then a few pages of each domain (search, assistant, first reception, fiche navette, governance,
indicators) walked as their users, none showing a trace of the default pack's Région.

Marker `second_region`: `pytest -m second_region` is the smoke subset of the second pack.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.core import region_pack
from apps.core.models import RegionStamp
from apps.directory.models import Structure
from apps.geo.models import Territory
from apps.orientation import rule_drafts
from apps.orientation.models import Reception, Referral

pytestmark = [pytest.mark.django_db, pytest.mark.second_region]

SECOND = "53"
# The default pack's Région, its line, portal, team and towns: none may show on the second pack's pages.
DEFAULT_TRACES = re.compile(
    r"Centre-Val|Centre Val|CVL|Etoile|GIP Alfa|222 100|Orléans|Blois|Tours\b|Bourges|Chartres|Châteauroux|"
    r"Loir-et-Cher|Eure-et-Loir|Indre-et-Loire|Loiret"
)


@pytest.fixture
def bretagne(settings, client):
    """A fresh database loaded with the second pack, as `SPRO_REGION=53 make run` loads it."""
    from apps.geo.services import load_reference_geography

    for name, value in region_pack.settings_for(SECOND).items():
        setattr(settings, name, value)
    settings.DEBUG = True  # load_demo refuses a production platform
    departements = sorted(
        {t["departement"] for t in region_pack.load_pack(SECOND).read_json("territories")["territories"]}
    )
    load_reference_geography(departements)  # the Région's communes only (load_demo loads France when empty)
    call_command("load_demo", verbosity=0)
    return region_pack.load_pack(SECOND)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    text = response.content.decode()
    assert not DEFAULT_TRACES.findall(text), (url, sorted(set(DEFAULT_TRACES.findall(text))))
    return text


def test_the_second_pack_loads_its_territories_and_a_generated_directory(bretagne):
    assert RegionStamp.objects.get().code == SECOND
    assert sorted(Territory.objects.values_list("name", "kind")) == [
        ("Côtes-d'Armor", "departement"),
        ("Finistère", "departement"),
        ("Ille-et-Vilaine", "departement"),
        ("Morbihan", "departement"),
    ]
    names = list(Structure.objects.values_list("name", flat=True))
    assert names and all(name.startswith("Structure de démonstration générée — ") for name in names)
    assert Territory.objects.get(code="finistere").communes.filter(name="Brest").exists()


def test_public_pages_search_and_assistant(bretagne, client):
    home = page(client, reverse("public:home"))
    assert "SPRO Bretagne" in home and "Ligne orientation (démonstration)" in home and "02 61 91 00 53" in home
    assert 'id="demo-generee"' in home and "généré automatiquement" in home
    assert "--blue: #1d4f91" in home
    results = page(client, reverse("public:search") + "?lieu=Rennes")
    assert "Structure de démonstration générée — Mission locale, Rennes" in results
    assert "Par exemple : Rennes ou 35000" in results
    doors = page(
        client, reverse("public:assistant") + "?age=19&statut=jeune-sans-solution&theme=reprendre-formation&lieu=35000"
    )
    assert "Mission locale" in doors
    for name in ("public:about", "public:legal", "public:privacy", "public:accessibility", "indicators:open_data"):
        page(client, reverse(name))
    assert "Structure de démonstration générée" in page(client, reverse("api:export-structures-csv"))


def test_first_reception_and_fiche_navette(bretagne, client):
    member = User.objects.get(email__startswith="mission-locale-ille-et-vilaine@")
    sender = member.memberships.get().structure
    receiver = Structure.objects.get(slug="france-travail-ille-et-vilaine")
    client.force_login(member)
    page(client, reverse("orientation:receptions"))
    page(client, reverse("orientation:reception_create"))
    response = client.post(
        reverse("orientation:reception_create"),
        {"structure": sender.pk, "date": "2026-11-24", "channel": "on_site", "age_band": "16_25",
         "commune_text": "35000", "actions": ["information", "referred"], "cep_level": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    reception = Reception.objects.filter(structure=sender).latest("pk")
    assert reception.commune.name == "Rennes"
    page(client, reverse("orientation:referral_create") + f"?accueil={reception.pk}")
    response = client.post(
        reverse("orientation:referral_create") + f"?accueil={reception.pk}",
        {"receiver": receiver.pk, "need": "Chercher un emploi après une formation.", "transmission_consent": "on"},
    )
    referral = Referral.objects.get(receiver_structure=receiver, sender_structure=sender)
    assert response.status_code == 302 and response.url == referral.get_absolute_url()
    page(client, referral.get_absolute_url())
    page(client, reverse("orientation:inbox"))


def test_governance_and_indicators_for_the_region(bretagne, client):
    client.force_login(User.objects.get(email="admin@demo.spro.example"))
    for name in ("network:home", "network:conventions", "network:convention_create", "network:coordinators",
                 "indicators:region", "indicators:synthesis", "orientation:rules", "orientation:grid",
                 "orientation:rules_draft", "territories:index"):  # fmt: skip
        page(client, reverse(name))
    territory = page(client, reverse("network:territory", args=["morbihan"]))
    assert "Morbihan" in territory
    situations = rule_drafts.sample_situations()  # what every draft of the rules is tried on
    assert [s.commune.departement.region_id for _, s in situations] == [SECOND] * 6
    page(client, reverse("indicators:territory", args=["finistere"]))
    page(client, reverse("territories:panorama", args=["cotes-d-armor"]))
