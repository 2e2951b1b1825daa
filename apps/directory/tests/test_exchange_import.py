"""data·inclusion v1 import: all or nothing, every error named, bulk writes, JSON and CSV."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from apps.directory import exchange
from apps.directory.exchange import ExchangeError
from apps.directory.models import Place, SearchEntry, Service, ServiceLocation, Structure
from apps.directory.selectors import SearchCriteria, search_services
from tests.factories import CommuneFactory, DepartementFactory, PlaceFactory, RegionFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corsica(db):
    region = RegionFactory(code="94", name="Corse")
    south = DepartementFactory(code="2A", name="Corse-du-Sud", region=region)
    north = DepartementFactory(code="2B", name="Haute-Corse", region=region)
    return {
        "ajaccio": CommuneFactory(
            code="2A004", name="Ajaccio", postal_codes="20000 20090", departement=south, latitude=41.92, longitude=8.74
        ),
        "bastia": CommuneFactory(
            code="2B033", name="Bastia", postal_codes="20200", departement=north, latitude=42.70, longitude=9.45
        ),
        "sans-coordonnees": CommuneFactory(
            code="2B999", name="Village fictif", postal_codes="20999", departement=north, latitude=None, longitude=None
        ),
    }


def _structure(key: str, **extra) -> dict:
    base = {"source": "partenaire", "id": f"partenaire--{key}", "nom": f"Association {key}", "date_maj": "2025-03-01"}
    return base | extra


def _service(key: str, structure: str = "partenaire--asso-un", **extra) -> dict:
    return {
        "source": "partenaire",
        "id": f"partenaire--{key}",
        "structure_id": structure,
        "nom": f"Service {key}",
        "description": "Accompagnement vers l'emploi et la formation.",
        "date_maj": "2025-04-15",
    } | extra


def _at(commune: str, address: str = "1 cours Napoléon", **extra) -> dict:
    return {"adresse": address, "code_insee": commune, "modes_accueil": ["en-presentiel"]} | extra


@pytest.fixture
def valid_files(corsica, vocabularies, structure_a):
    structures = [
        _structure("asso-un", reseaux_porteurs=["mission-locale"], site_web="https://asso-un.example"),
        _structure("asso-deux", telephone="04 95 00 00 00"),
    ]
    services = [
        _service(
            "s1",
            publics=["jeunes"],
            thematiques=["trouver-un-emploi--repondre-a-des-offres-demploi"],
            modes_mobilisation=["se-presenter", "telephoner"],
            zone_eligibilite=["2A"],
            **_at("2A004"),
        ),
        _service("s2", publics=["tous-publics"], **_at("2A004")),
        _service("s3", **_at("2B033", "5 boulevard Paoli", latitude=42.7, longitude=9.451)),
        _service(
            "s4",
            structure="partenaire--asso-deux",
            modes_accueil=["a-distance"],
            modes_mobilisation=["telephoner"],
            telephone="04 95 00 00 01",
            zone_eligibilite=["france"],
        ),
        _service("s5", structure="spro-cvl--structure-a", **_at("2A004", "2 rue Fesch")),
    ]
    return structures, services


def _counts():
    return [m.objects.count() for m in (Structure, Place, Service, ServiceLocation)]


def test_valid_import_creates_structures_places_and_services(valid_files):
    counts = exchange.import_data_inclusion(*valid_files)
    assert counts == {
        "structures_created": 2,
        "structures_updated": 0,
        "places_created": 3,
        "services_created": 5,
        "services_updated": 0,
    }
    asso = Structure.objects.get(slug="partenaire-asso-un")
    assert asso.network.code == "mission-locale" and asso.source == "partenaire"
    s1 = Service.objects.get(source="partenaire", source_id="partenaire--s1")
    assert s1.structure == asso and s1.last_verified_at == date(2025, 4, 15)
    assert sorted(s.code for s in s1.statuses.all()) == ["apprenti", "collegien", "jeune-sans-solution", "lyceen"]
    assert [t.code for t in s1.themes.all()] == ["trouver-emploi"]
    assert s1.access_modes == ["walk-in", "phone"] and (s1.reach, s1.reach_code) == ("departement", "2A")
    assert "service s1" in SearchEntry.objects.filter(service=s1).first().text
    s2 = Service.objects.get(source_id="partenaire--s2")
    assert list(s2.places.all()) == list(s1.places.all())  # same structure, address and commune: one place
    assert not s2.statuses.exists()
    place = s1.places.get()
    assert (place.commune_id, place.postal_code, place.latitude) == ("2A004", "20000", 41.92)
    assert Service.objects.get(source_id="partenaire--s3").places.get().longitude == 9.451
    s4 = Service.objects.get(source_id="partenaire--s4")
    assert not s4.places.exists() and s4.remote_modes == ["phone"] and s4.reach == "france"
    assert Service.objects.get(source_id="partenaire--s5").structure.slug == "structure-a"
    found = search_services(SearchCriteria(commune=place.commune, status="lyceen"))
    assert "Service s1" in [hit.service.name for hit in found.hits]


def test_reimport_updates_instead_of_duplicating(valid_files):
    exchange.import_data_inclusion(*valid_files)
    before = _counts()
    structures, services = valid_files
    services[0]["nom"] = "Service s1 renommé"
    counts = exchange.import_data_inclusion(structures, services)
    assert counts["structures_updated"] == 2 and counts["services_updated"] == 5
    assert counts["places_created"] == 0 and counts["services_created"] == 0
    assert _counts() == before
    assert Service.objects.get(source_id="partenaire--s1").name == "Service s1 renommé"


def test_invalid_file_writes_nothing_and_names_every_error(valid_files):
    structures, services = valid_files
    structures.append(_structure("asso-trois", date_maj="hier"))
    services += [
        _service("s6", nom="ab"),
        _service("s7", **_at("99999")),
        _service("s8", structure="partenaire--inconnue"),
        _service("s9", thematiques=["trouver-un-emploi--repondre-a-des-offres-demploi", "zz"]),
        _service("s10", **_at("2B999")),
        _service("s1"),
    ]
    before = _counts()
    with pytest.raises(ExchangeError) as caught:
        exchange.import_data_inclusion(structures, services)
    assert _counts() == before
    assert not Structure.objects.filter(slug="partenaire-asso-un").exists()
    assert caught.value.errors == [
        "structures.json, enregistrement n° 3 (id « partenaire--asso-trois ») : champ « date_maj » : "
        "« hier » n'est pas une date valide (format AAAA-MM-JJ attendu).",
        "services.json, enregistrement n° 6 (id « partenaire--s6 ») : champ « nom » : "
        "doit contenir au moins 3 caractères.",
        "services.json, enregistrement n° 7 (id « partenaire--s7 ») : champ « code_insee » : "
        "aucune commune ne porte le code INSEE « 99999 ».",
        "services.json, enregistrement n° 8 (id « partenaire--s8 ») : champ « structure_id » : "
        "aucune structure « partenaire--inconnue » dans le fichier ni dans l'annuaire.",
        "services.json, enregistrement n° 9 (id « partenaire--s9 ») : champ « thematiques » (élément n° 2) : "
        "valeur « zz » absente du vocabulaire data·inclusion.",
        "services.json, enregistrement n° 10 (id « partenaire--s10 ») : champ « latitude » : "
        "absente, et la commune 2B999 n'a pas de coordonnées : donnez latitude et longitude.",
        "services.json, enregistrement n° 11 (id « partenaire--s1 ») : champ « id » : "
        "cet identifiant figure déjà plus haut dans le fichier.",
    ]


def test_directory_limits_are_checked(corsica, structure_a):
    services = [
        _service(
            "s1",
            structure="spro-cvl--structure-a",
            telephone="appelez-nous",
            courriel="contact@",
            lien_mobilisation="https://" + "x" * 200 + ".example",
            horaires_accueil="lundi matin",
            **_at("2A004", "x" * 201),
        )
    ]
    with pytest.raises(ExchangeError) as caught:
        exchange.import_data_inclusion([], services)
    fields = sorted(message.split("champ « ")[1].split(" »")[0] for message in caught.value.errors)
    assert fields == ["adresse", "courriel", "horaires_accueil", "lien_mobilisation", "telephone"]
    assert all(
        message.startswith("services.json, enregistrement n° 1 (id « partenaire--s1 »)")
        for message in caught.value.errors
    )


def test_csv_round_trip_and_line_numbers(valid_files):
    structures, services = valid_files
    services_csv = exchange.to_csv("service", services).encode()
    counts = exchange.import_files(
        ("structures.csv", exchange.to_csv("structure", structures).encode()), ("services.csv", services_csv)
    )
    assert counts["services_created"] == 5
    services[1]["nom"] = "ab"
    services[3]["description"] = "Un texte\nsur deux lignes."
    services[4]["code_insee"] = "00000"
    with pytest.raises(ExchangeError) as caught:
        exchange.import_files(None, ("services.csv", exchange.to_csv("service", services).encode()))
    assert caught.value.errors == [
        "services.csv, ligne 3 (id « partenaire--s2 ») : champ « nom » : doit contenir au moins 3 caractères.",
        "services.csv, ligne 7 (id « partenaire--s5 ») : champ « code_insee » : "
        "aucune commune ne porte le code INSEE « 00000 ».",
    ]


def test_one_json_object_can_hold_both_kinds(valid_files):
    structures, services = valid_files
    payload = json.dumps({"structures": structures, "services": services}).encode()
    assert exchange.import_files(("partenaire.json", payload), None)["services_created"] == 5


@pytest.mark.parametrize(
    "content, message",
    [
        (b"[{", "services.json : JSON invalide à la ligne 1"),
        (b'{"a": 1}', "services.json : le fichier doit contenir une liste"),
        ("é".encode("latin-1"), "services.json : le fichier doit être encodé en UTF-8."),
    ],
)
def test_unreadable_files(content, message):
    with pytest.raises(ExchangeError) as caught:
        exchange.import_files(None, ("services.json", content))
    assert caught.value.errors[0].startswith(message)


def test_existing_places_are_reused(valid_files, structure_a, corsica):
    PlaceFactory(structure=structure_a, commune=corsica["ajaccio"], address="2 rue Fesch")
    assert exchange.import_data_inclusion(*valid_files)["places_created"] == 2


def test_import_command(valid_files, tmp_path, capsys):
    structures, services = valid_files
    (tmp_path / "structures.json").write_text(json.dumps(structures), encoding="utf-8")
    (tmp_path / "services.json").write_text(json.dumps(services[:1] + [_service("s2", nom="x")]), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError, match="1 erreur"):
        call_command(
            "import_data_inclusion",
            structures=str(tmp_path / "structures.json"),
            services=str(tmp_path / "services.json"),
        )
    assert "enregistrement n° 2 (id « partenaire--s2 ») : champ « nom »" in capsys.readouterr().err
    assert _counts() == before
    (tmp_path / "services.json").write_text(json.dumps(services), encoding="utf-8")
    call_command(
        "import_data_inclusion", structures=str(tmp_path / "structures.json"), services=str(tmp_path / "services.json")
    )
    assert "5 services créés" in capsys.readouterr().out


def test_renaming_an_existing_structure_refreshes_its_search_text(corsica, structure_a):
    service = ServiceFactory(structure=structure_a, name="Permanence", remote_modes=["phone"])
    renamed = _structure("x", id="spro-cvl--structure-a", nom="Maison de l'orientation")
    counts = exchange.import_data_inclusion([renamed], [])
    assert counts["structures_updated"] == 1 and counts["structures_created"] == 0
    service.refresh_from_db()
    assert service.structure.name == "Maison de l'orientation"
    assert "maison de l orientation" in SearchEntry.objects.get(service=service).text
