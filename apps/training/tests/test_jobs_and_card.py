"""Job pages (ROME 4.0) and the project card: nearby trainings and doors, the PDF holds what was chosen."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.directory.models import Place
from apps.geo.models import Commune
from apps.orientation.models import Referral
from apps.orientation.routing import load_default_rules
from apps.training import services
from apps.training.models import Job, Training, TrainingProvider, TrainingRome, TrainingSession
from apps.training.selectors import resolve_job, suggest_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo_region):
    from apps.directory.services import load_vocabularies

    load_vocabularies()
    load_default_rules()
    services.load_rome()
    services.load_funding_schemes()
    provider = TrainingProvider.objects.create(siret="99900000000010", name="Institut du soin fictif")
    bourges = Commune.objects.get(code="18033")
    training = Training.objects.create(
        action_id="A-1", title="Diplôme d'État d'aide-soignant", teaching_mode=0, provider=provider,
        search_text="diplome d etat d aide soignant", certifying=True, financer_codes=["2"],
    )  # fmt: skip
    TrainingRome.objects.create(training=training, code="J1501", version="V4")
    TrainingSession.objects.create(
        training=training, session_id="S-1", start=date(2026, 11, 26) + timedelta(days=20), commune=bourges,
        commune_code=bourges.code, town=bourges.name, latitude=bourges.latitude, longitude=bourges.longitude,
    )  # fmt: skip
    services.index_offer()  # the places the search reads (the import writes them itself)
    return training


@pytest.mark.parametrize(
    ("typed", "code"), [("aide soignant", "J1501"), ("AIDE-SOIGNANTE", "J1501"), ("Aide-soignant (J1501)", "J1501")]
)
def test_jobs_are_found_without_accents_or_case(world, typed, code):
    assert resolve_job(typed).code == code


def test_the_autocomplete_suggests_jobs_starting_with_the_words_first(world, client):
    assert suggest_jobs("electricien")[0].label.startswith("Electricien")
    html = client.get(reverse("training:job_suggestions"), {"metier": "puericult"}).content.decode()
    assert "Auxiliaire de puériculture (J1304)" in html


def test_a_job_page_lists_nearby_trainings_doors_and_national_links(world, client):
    html = client.get(
        reverse("training:job", args=["J1501"]), {"lieu": "Bourges", "statut": "demandeur-emploi"}
    ).content.decode()
    assert "Aide-soignant / Aide-soignante" in html and "Activites pour la sante humaine" in html
    assert (
        "Diplôme d&#x27;État d&#x27;aide-soignant" in html and "Prochaine session le 16 décembre 2026 à Bourges" in html
    )
    assert "Être rappelé·e par" in html and "theme=decouvrir-metiers" in html
    assert "https://candidat.francetravail.fr/metierscope/fiche-metier/J1501" in html
    assert "https://labonnealternance.apprentissage.beta.gouv.fr/recherche?romes=J1501" in html
    assert "salaire" not in html.lower().replace("les salaires et les débouchés sont décrits", "")


def test_an_unknown_job_is_a_404(world, client):
    assert client.get(reverse("training:job", args=["Z9999"])).status_code == 404


def test_the_card_pdf_holds_the_job_the_trainings_the_funding_and_the_door(world, client):
    place = Place.objects.public().filter(commune__code="18033").order_by("pk").first()
    for data in ({"metier": "J1501"}, {"formation": world.pk}, {"porte": place.pk}):
        client.post(reverse("training:card_add"), data)
    situation = {"lieu": "Bourges", "statut": "demandeur-emploi", "age": "30"}
    html = client.get(reverse("training:card"), situation).content.decode()
    assert f"Demander à {place.structure.name} de me rappeler" in html
    response = client.get(reverse("training:card_pdf"), situation)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("Aide-soignant / Aide-soignante", "Diplôme d'État d'aide-soignant", "Institut du soin fictif",
                     "Formation financée par la Région", place.structure.name):  # fmt: skip
        assert expected in text, expected
    assert not Referral.objects.exists()  # nothing sent, nothing personal stored


def test_sending_from_the_card_prefills_the_call_back_with_the_project(world, client):
    place = Place.objects.public().filter(commune__code="18033").order_by("pk").first()
    client.post(reverse("training:card_add"), {"formation": world.pk, "porte": place.pk})
    html = client.get(reverse("training:card"), {"lieu": "Bourges", "statut": "demandeur-emploi"}).content.decode()
    start = html.index(f'href="/etre-rappele/{place.pk}/?')
    url = html[start + 6 : html.index('"', start + 6)].replace("&amp;", "&")
    form = client.get(url).content.decode()
    assert "Formation : Diplôme d&#x27;État d&#x27;aide-soignant — Institut du soin fictif" in form


def test_a_member_sends_a_fiche_navette_from_the_card_in_one_click(world, client):
    from tests.factories import MembershipFactory, UserFactory

    place = Place.objects.public().filter(commune__code="18033").order_by("pk").first()
    other = Place.objects.public().exclude(structure=place.structure).order_by("pk").first()
    member = MembershipFactory(structure=other.structure, user=UserFactory(email="accueil@test.spro.example")).user
    client.force_login(member)
    client.post(reverse("training:card_add"), {"metier": "J1501", "porte": place.pk})
    html = client.get(reverse("training:card")).content.decode()
    assert f"Envoyer une fiche navette à {place.structure.name}" in html
    assert f"/orientation/fiches/nouvelle/?vers={place.structure_id}&amp;besoin=" in html


def test_the_card_keeps_no_personal_data_in_the_session(world, client):
    client.post(reverse("training:card_add"), {"formation": world.pk, "metier": "j1501"})
    client.get(
        reverse("training:card"), {"lieu": "Bourges", "statut": "demandeur-emploi", "age": "30", "handicap": "on"}
    )
    assert client.session["project_card"] == {"job": "J1501", "trainings": [world.pk], "place": None}
    assert Job.objects.filter(code="J1501").exists()
