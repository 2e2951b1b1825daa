"""A territory's panorama: computed from the platform's data, kept by month, reopened, exported as PDF and JSON/CSV."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from apps.directory.models import Place
from apps.geo.models import Territory
from apps.territories import services
from apps.territories.figures import weekly_hours
from apps.territories.models import CommuneCoverage, TerritoryPanorama
from apps.territories.services import PanoramaError, refresh_due, refresh_month

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Mo-Fr 09:00-12:30,13:30-17:30", 37.5),
        ("Mo-Fr 09:00-12:30,13:30-17:30; PH off", 37.5),
        ("Mo,We 09:00-12:00; Sa 09:00-11:00", 8.0),
        ("Mo-Fr 09:00-17:00; We off", 32.0),  # a later rule replaces the day
        ("", None),
        ("n'importe quoi", None),
    ],
)
def test_weekly_hours_from_the_directory_opening_hours(text, hours):
    assert weekly_hours(text) == hours


def test_a_months_panorama_is_kept_and_reopened_as_it_was(demo_region):
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=PARIS), tick=False):
        refresh_month()
    dreux = Territory.objects.get(code="dreux")
    march = TerritoryPanorama.objects.get(territory=dreux, month=date(2026, 3, 1))
    places_in_march = march.figures["offer"]["places"]
    # The directory changes afterwards: Dreux loses a place; November is computed from the new directory.
    gone = Place.objects.filter(commune__territories=dreux).order_by("pk").first()
    gone.is_active = False
    gone.save()
    refresh_month()
    november = TerritoryPanorama.objects.get(territory=dreux, month=date(2026, 11, 1))
    assert november.figures["offer"]["places"] == places_in_march - 1
    march.refresh_from_db()
    assert march.figures["offer"]["places"] == places_in_march  # kept as it was
    assert CommuneCoverage.objects.filter(month=date(2026, 3, 1)).exists()

    client = Client()
    page = client.get("/territoires/dreux/?mois=2026-03").content.decode()
    assert "Panorama de <strong>mars 2026</strong>" in page
    assert "calculé le 16/03/2026" in page
    latest = client.get("/territoires/dreux/").content.decode()
    assert "Panorama de <strong>novembre 2026</strong>" in latest
    assert client.get("/territoires/dreux/?mois=2026-04").status_code == 404
    assert client.get("/territoires/dreux/?mois=mars").status_code == 404
    assert client.get("/territoires/?mois=2026-03").status_code == 200


def test_a_past_month_is_never_recomputed(demo_region):
    with pytest.raises(PanoramaError, match="mois en cours"):
        refresh_month(date(2026, 3, 1))


def test_the_scheduled_job_computes_once_a_day(demo_region, _fixed_clock):
    assert refresh_due()
    refresh_month()
    assert not refresh_due()
    _fixed_clock.shift(25 * 3600)
    assert refresh_due()


def test_the_panorama_figures_come_from_the_platform(demo_region):
    refresh_month()
    dreux = Territory.objects.get(code="dreux")
    figures = TerritoryPanorama.objects.get(territory=dreux).figures
    communes = dreux.communes.all()
    assert figures["population"]["value"] == sum(c.population or 0 for c in communes)
    places = Place.objects.public().filter(commune__in=communes)
    assert figures["offer"]["places"] == places.count()
    ml = next(row for row in figures["offer"]["rows"] if row["network"] == "mission-locale")
    assert ml["places"] == places.filter(structure__network__code="mission-locale").count()
    assert ml["hours_per_week"] == pytest.approx(
        sum(weekly_hours(p.opening_hours) or 0 for p in places.filter(structure__network__code="mission-locale")),
        abs=0.05,
    )
    assert figures["training"]["sessions"] == 0  # no training offer imported in this test
    region = TerritoryPanorama.objects.get(territory=None)
    assert region.figures["population"]["value"] == sum(
        p.figures["population"]["value"] for p in TerritoryPanorama.objects.exclude(territory=None)
    )


def test_the_page_shows_the_furthest_communes_table_and_the_map_data(demo_region):
    refresh_month()
    page = Client().get("/territoires/dreux/?reseau=cio").content.decode()
    figures = TerritoryPanorama.objects.get(territory__code="dreux").figures
    furthest = figures["coverage"]["networks"]["cio"]["furthest"][0]
    assert "Les communes les plus éloignées d'un lieu « CIO »" in page
    assert f"{furthest['name']} ({furthest['code']})" in page
    assert 'id="carte-couverture-data"' in page
    assert "Source : INSEE" in page and "méthode</a>" in page


def test_the_pdf_for_the_committee(demo_region):
    from pypdf import PdfReader

    refresh_month()
    response = Client().get("/territoires/dreux/panorama.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="panorama-dreux-2026-11.pdf"' in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Panorama du territoire Dreux" in text
    assert "Communes les plus éloignées d'un lieu Mission locale" in text


def test_an_empty_state_before_the_first_computation(demo_region):
    client = Client()
    assert "pas encore été calculé" in client.get("/territoires/dreux/").content.decode()
    assert "Aucun panorama n'a encore été calculé" in client.get("/territoires/").content.decode()
    assert client.get("/territoires/dreux/panorama.pdf").status_code == 404


def test_small_counts_of_people_are_masked_in_the_figures(demo_region, monkeypatch):
    monkeypatch.setattr(
        services.figures,
        "activity_figures",
        lambda territory, month: {
            "period": {"label": "de décembre 2025 à novembre 2026"},
            "receptions": 3,
            "residents_received": 2,
            "referrals": {"in": 0, "out": 4, "inside": 12},
            "delays": {"delay_answer": {"days": 2.0, "count": 3}, "delay_appointment": {"days": 9.0, "count": 7}},
        },
    )
    refresh_month()
    data = Client().get("/api/v1/territories/dreux/panorama").json()
    values = {f["key"]: f["value"] for f in data["figures"]}
    assert values["receptions"] == "< 5"
    assert values["receptions_per_1000"] == "n.d."
    assert values["referrals_in"] == 0
    assert values["referrals_out"] == "< 5"
    assert values["referrals_inside"] == 12
    assert values["delay_answer"] == "n.d."
    assert values["delay_appointment"] == 9.0
    assert values["population"] > 100_000  # populations are not counts of people received: never masked


def test_open_data_json_and_csv(demo_region):
    refresh_month()
    client = Client()
    data = client.get("/api/v1/territories/dreux/panorama?mois=2026-11").json()
    assert data["month"] == "2026-11" and data["licence"] == "Licence Ouverte 2.0"
    assert {row["key"] for row in data["coverage"]} >= {"mission-locale", "cio"}
    csv_text = client.get("/api/v1/territories/dreux/panorama.csv").content.decode()
    assert csv_text.splitlines()[0] == "territoire,mois,chiffre,libelle,valeur,source,date,methode"
    assert "population_plus_30_km_mission-locale" in csv_text
    coverage = client.get("/api/v1/coverage/communes?territoire=dreux&limit=5").json()
    dreux = Territory.objects.get(code="dreux")
    assert coverage["count"] == dreux.communes.count()
    first = coverage["results"][0]
    stored = CommuneCoverage.objects.get(commune_id=first["code"]).distances
    assert first["distances_km"]["cio"] == round(stored["cio"], 2)
    lines = client.get("/api/v1/coverage/communes.csv?territoire=dreux").content.decode().splitlines()
    assert lines[0].startswith("mois,code_insee,commune,population,km_mission-locale")
    assert len(lines) == dreux.communes.count() + 1
    assert client.get("/api/v1/coverage/communes?territoire=nulle-part").status_code == 400
    assert client.get("/api/v1/coverage/communes?mois=2026-13").status_code == 400
    assert client.get("/api/v1/coverage/communes.csv?mois=0000-09").status_code == 400
    assert client.get("/territoires/dreux/?mois=0000-09").status_code == 404
    assert client.get("/api/v1/territories/nulle-part/panorama").status_code == 404
    schema = client.get("/api/v1/schema/?format=json").json()
    assert {"/api/v1/territories/{code}/panorama", "/api/v1/coverage/communes.csv"} <= set(schema["paths"])


def test_the_command_and_the_scheduled_jobs(demo_region):
    from django.core.management import call_command

    from apps.core.management.commands.run_scheduled_jobs import JOBS

    assert JOBS.index("refresh_panoramas") > JOBS.index("refresh_indicators")  # reads this hour's indicators
    out = io.StringIO()
    call_command("refresh_panoramas", stdout=out)
    assert "Panoramas de 11/2026 calculés" in out.getvalue()
    call_command("refresh_panoramas", stdout=out)
    assert "déjà calculés aujourd'hui" in out.getvalue()
    call_command("refresh_panoramas", "--maintenant", stdout=out)
    assert out.getvalue().count("calculés :") == 2
    assert TerritoryPanorama.objects.filter(month=date(2026, 11, 1)).count() == Territory.objects.count() + 1


def test_the_training_offer_counts_the_sessions_of_the_next_twelve_months(demo_region, tmp_path):
    from datetime import date

    from apps.training.demo import write_demo_feed
    from apps.training.models import TrainingSession
    from apps.training.services import import_offer

    feed = tmp_path / "offre.xml"
    write_demo_feed(feed, trainings=300, start=date(2026, 11, 26))
    import_offer(feed)
    refresh_month()
    region = TerritoryPanorama.objects.get(territory=None).figures["training"]
    assert region["sessions"] > 0 and region["trainings"] > 0
    month_start, year_after = date(2026, 11, 1), date(2027, 10, 31)
    for panorama in TerritoryPanorama.objects.exclude(territory=None).select_related("territory"):
        sessions = TrainingSession.objects.filter(
            commune__territories=panorama.territory, start__gte=month_start, start__lte=year_after
        )
        expected = (sessions.count(), sessions.values("training_id").distinct().count())
        assert (panorama.figures["training"]["sessions"], panorama.figures["training"]["trainings"]) == expected
    assert sum(p.figures["training"]["sessions"] for p in TerritoryPanorama.objects.exclude(territory=None)) > 0
