"""data·inclusion v1 export: valid against the schemas, one record per place, mapped vocabularies."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from apps.directory import exchange
from apps.directory.exchange.schema import FORMAT_CHECKER, load_schema
from apps.directory.exchange.vocab import mobilisation_for, publics_for, thematiques_for
from apps.directory.models import Service, Status, Theme
from tests.factories import CommuneFactory, DepartementFactory, PlaceFactory, RegionFactory, ServiceFactory


def _strict_errors(kind: str, records: list[dict]) -> list[str]:
    """Plain jsonschema (no shortcut), with format checks."""
    validator = Draft202012Validator(load_schema(kind), format_checker=FORMAT_CHECKER)
    return [f"{r['id']}: {e.message}" for r in records for e in validator.iter_errors(r)]


@pytest.mark.django_db
def test_demo_export_validates_against_the_schemas(demo_region):
    structures = exchange.export_structures("https://spro.example")
    services = exchange.export_services("https://spro.example")
    assert len(structures) >= 100 and len(services) > Service.objects.filter(is_active=True).count()
    assert _strict_errors("structure", structures) == []
    assert _strict_errors("service", services) == []
    assert exchange.export_errors("structure", structures) + exchange.export_errors("service", services) == []
    assert {r["source"] for r in structures + services} == {"spro-cvl"}
    assert len({r["id"] for r in services}) == len(services)
    assert {r["structure_id"] for r in services} <= {r["id"] for r in structures}


@pytest.fixture
def ajaccio(db):
    region = RegionFactory(code="94", name="Corse")
    departement = DepartementFactory(code="2A", name="Corse-du-Sud", region=region)
    return CommuneFactory(
        code="2A004", name="Ajaccio", postal_codes="20000", departement=departement, latitude=41.92, longitude=8.74
    )


@pytest.fixture
def two_place_service(vocabularies, structure_a, ajaccio):
    places = [PlaceFactory(structure=structure_a, commune=ajaccio, address=f"{n} cours Napoléon") for n in (1, 2)]
    service = ServiceFactory(
        structure=structure_a,
        name="Conseil en évolution professionnelle",
        at=places,
        access_modes=["walk-in", "phone", "online"],
        remote_modes=["video"],
    )
    service.statuses.set(Status.objects.filter(code__in=["salarie", "demandeur-emploi", "sans-activite"]))
    service.themes.set(Theme.objects.filter(code__in=["trouver-emploi", "changer-metier"]))
    return service, places


def test_a_service_at_two_places_gives_two_records(two_place_service):
    service, places = two_place_service
    records = [r for r in exchange.export_services() if r["id"].startswith(f"spro-cvl--{service.pk}--")]
    assert [r["id"] for r in records] == [f"spro-cvl--{service.pk}--{p.pk}" for p in places]
    first = records[0]
    assert first["structure_id"] == "spro-cvl--structure-a"
    assert first["adresse"] == "1 cours Napoléon" and first["code_insee"] == "2A004"
    assert first["latitude"] == 41.92 and first["zone_eligibilite"] == ["2A"]
    assert first["publics"] == ["demandeurs-emploi", "actifs"]
    assert first["thematiques"][0] == "trouver-un-emploi--repondre-a-des-offres-demploi"
    assert first["modes_accueil"] == ["en-presentiel", "a-distance"]
    assert first["modes_mobilisation"] == ["se-presenter", "telephoner"]  # "online" needs a link
    assert _strict_errors("service", records) == []


def test_a_remote_service_gives_one_record(vocabularies, structure_a):
    service = ServiceFactory(
        structure=structure_a,
        name="Ligne d'écoute",
        remote_modes=["phone"],
        access_modes=["phone", "online"],
        website="https://ecoute.example",
        reach=Service.Reach.FRANCE,
    )
    (record,) = [r for r in exchange.export_services() if r["id"] == f"spro-cvl--{service.pk}"]
    assert record["adresse"] is None and record["code_insee"] is None
    assert record["modes_accueil"] == ["a-distance"] and record["zone_eligibilite"] == ["france"]
    assert record["modes_mobilisation"] == ["telephoner", "utiliser-lien-mobilisation"]
    assert record["publics"] == ["tous-publics"]
    assert _strict_errors("service", [record]) == []


def test_mappings():
    every = {"salarie", "etudiant"}
    assert publics_for(["etudiant", "salarie"], every | {"parent"}) == ["etudiants", "actifs"]
    assert publics_for(["etudiant", "salarie"], every) == ["tous-publics"]
    assert publics_for(["sans-activite"], every) == ["tous-publics"]
    assert publics_for(["collegien", "apprenti", "parent"], every) == ["jeunes", "familles"]
    assert thematiques_for(["creer-entreprise", "financer-formation"]) == [
        "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
        "se-former--monter-son-dossier-de-formation",
    ]
    assert mobilisation_for(["appointment", "phone", "email"], has_link=False) == ["telephoner", "envoyer-un-courriel"]


def test_csv_has_the_json_columns_and_joined_lists(two_place_service):
    records = exchange.export_services()
    rows = list(csv.DictReader(io.StringIO(exchange.to_csv("service", records))))
    assert len(rows) == len(records)
    assert set(rows[0]) == set(load_schema("service")["properties"])
    assert rows[0]["modes_accueil"] == "en-presentiel|a-distance"


def test_export_command_writes_four_files(two_place_service, tmp_path):
    call_command("export_data_inclusion", output_dir=str(tmp_path), base_url="https://spro.example")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "services.csv",
        "services.json",
        "structures.csv",
        "structures.json",
    ]
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    assert services[0]["lien_source"].startswith("https://spro.example/services/")
    assert _strict_errors("service", services) == []
