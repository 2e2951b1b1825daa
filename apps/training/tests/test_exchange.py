"""The training offer exported as data·inclusion v1 services of type `formation`, when asked."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
import yaml
from django.core.management import call_command
from jsonschema import Draft202012Validator

from apps.directory import exchange as directory_exchange
from apps.directory.exchange.schema import FORMAT_CHECKER, load_schema
from apps.geo.models import Commune
from apps.training import exchange
from apps.training.models import Training, TrainingProvider, TrainingSession

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)  # the suite's clock


def _strict_errors(kind: str, records: list[dict]) -> list[str]:
    validator = Draft202012Validator(load_schema(kind), format_checker=FORMAT_CHECKER)
    return [f"{r['id']}: {e.message}" for r in records for e in validator.iter_errors(r)]


@pytest.fixture
def offer(demo_region):
    """A training with sessions to come in two communes (and a past one in a third), a remote one, a past one."""
    provider = TrainingProvider.objects.create(siret="99900000000012", name="Institut fictif", commune_name="Déols")
    other = TrainingProvider.objects.create(siret="99900000000013", name="Centre fictif du passé")

    def make(key, provider, sessions, **values):
        training = Training.objects.create(
            action_id=key, provider=provider, teaching_mode=values.pop("mode", 0), **values
        )
        for number, (code, days) in enumerate(sessions):
            commune = Commune.objects.filter(code=code).first()
            TrainingSession.objects.create(
                training=training, session_id=f"{key}-{number}", start=TODAY + timedelta(days=days),
                end=TODAY + timedelta(days=days + 60), commune=commune, commune_code=code,
                town=commune.name if commune else "", latitude=commune.latitude if commune else None,
                longitude=commune.longitude if commune else None, address="12 rue des Écoles" if commune else "",
            )  # fmt: skip
        return training

    two = make(
        "A-DEUX", provider, [("36044", 30), ("36088", 10), ("36088", 90), ("18033", -20)],
        title="Préparation au concours d'aide-soignant", objective="Réussir les épreuves d'entrée.",
        formacode="15084", cost_eur=1200, url="https://formation.example/concours",
    )  # fmt: skip
    remote = make("A-DISTANCE", provider, [("", 15)], title="Compétences numériques de base", mode=2, cost_eur=0)
    make("A-PASSEE", other, [("36044", -3)], title="Formation passée")
    return {"two": two, "remote": remote}


def test_a_training_gives_one_formation_service_per_commune_with_sessions_to_come(offer):
    services = exchange.export_training_services("https://spro.example")
    structures = exchange.export_training_structures()
    assert len(services) == 3 and len(structures) == 1  # the past training and its provider are not exported
    assert _strict_errors("service", services) == [] and _strict_errors("structure", structures) == []
    assert directory_exchange.export_errors("service", services) == []
    by_id = {r["id"]: r for r in services}
    chateauroux, issoudun = by_id["spro-cvl--formation-A-DEUX--36044"], by_id["spro-cvl--formation-A-DEUX--36088"]
    assert {r["type"] for r in services} == {"formation"}
    assert (chateauroux["commune"], issoudun["commune"]) == ("Châteauroux", "Issoudun")
    assert "Prochaine session à Issoudun : du 06/12/2026 au 04/02/2027." in issoudun["description"]
    assert chateauroux["thematiques"] == ["se-former--trouver-sa-formation"]  # Formacode 15084, Carif-Oref mapping
    assert (chateauroux["frais"], chateauroux["frais_precisions"]) == ("payant", "Prix total : 1200.00 € TTC.")
    assert chateauroux["modes_accueil"] == ["en-presentiel"]
    assert chateauroux["lien_source"] == f"https://spro.example/formations/{offer['two'].pk}/"
    distance = by_id["spro-cvl--formation-A-DISTANCE"]
    assert distance["modes_accueil"] == ["a-distance"] and distance["code_insee"] is None
    assert distance["frais"] == "gratuit" and distance["thematiques"] is None
    assert {r["structure_id"] for r in services} == {s["id"] for s in structures}
    assert structures[0]["siret"] == "99900000000012" and structures[0]["nom"] == "Institut fictif"


def test_the_exports_add_the_training_offer_only_when_asked(client, offer):
    plain = client.get("/api/v1/exports/data-inclusion/services.json").json()
    asked = client.get("/api/v1/exports/data-inclusion/services.json", {"formations": "true"}).json()
    trainings = [r for r in asked if r["id"].startswith("spro-cvl--formation-")]
    assert [r for r in plain if r["id"].startswith("spro-cvl--formation-")] == []
    assert len(asked) == len(plain) + 3 == len(plain) + len(trainings)
    structures = client.get("/api/v1/exports/data-inclusion/structures.json", {"formations": "1"}).json()
    assert {r["structure_id"] for r in asked} <= {r["id"] for r in structures}
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/api/v1/exports/data-inclusion/services.csv?formations=oui").content.decode())
        )
    )
    assert sum(row["id"].startswith("spro-cvl--formation-") for row in rows) == 3


def test_the_command_exports_the_training_offer_when_asked(offer, tmp_path, capsys):
    call_command("export_data_inclusion", "--output-dir", str(tmp_path), "--formations")
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    assert sum(r["id"].startswith("spro-cvl--formation-") for r in services) == 3
    structures = json.loads((tmp_path / "structures.json").read_text(encoding="utf-8"))
    assert "spro-cvl--organisme-formation-99900000000012" in {r["id"] for r in structures}


def test_the_openapi_document_names_the_formations_parameter(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)
    for path in ("/api/v1/exports/data-inclusion/services.json", "/api/v1/exports/data-inclusion/structures.csv"):
        names = [p["name"] for p in document["paths"][path]["get"].get("parameters", [])]
        assert "formations" in names
