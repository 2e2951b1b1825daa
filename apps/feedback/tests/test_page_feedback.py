""" "Cette page vous a aidé ?": one tap without JavaScript or with htmx, an optional filtered comment,
throttled, counted per page and per territory."""

import pytest
from django.urls import reverse

from apps.feedback.models import PageFeedback

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def place(mission_locale):
    return mission_locale.places.first()


def vote(client, path, helpful="oui", **extra):
    return client.post(reverse("feedback:page_vote"), {"page": path, "helpful": helpful}, **extra)


def test_the_question_is_on_public_pages(client, place):
    html = client.get(reverse("public:place", args=[place.pk])).content.decode()
    assert "Cette page vous a aidé ?" in html and 'name="page" value="/lieux/' in html


def test_one_tap_without_javascript_counts_for_the_page_and_its_territory(client, place, t41):
    path = reverse("public:place", args=[place.pk])
    response = vote(client, path, "non")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Merci, votre avis est compté" in html and f'href="{path}"' in html and "<html" in html
    row = PageFeedback.objects.values("page", "path", "territory_id", "helpful", "comment").get()
    assert row == {"page": "public:place", "path": path, "territory_id": t41.pk, "helpful": False, "comment": ""}


def test_with_htmx_only_the_box_is_swapped(client, place):
    response = vote(client, reverse("public:place", args=[place.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="avis"' in html


def test_the_assistant_answer_counts_for_the_commune_searched(client, t41):
    from tests.factories import CommuneFactory

    commune = CommuneFactory(code="41018", name="Blois")
    t41.communes.add(commune)
    client.post(reverse("feedback:page_vote"), {"page": "/quelle-porte/", "helpful": "oui", "commune": "41018"})
    assert PageFeedback.objects.get().territory_id == t41.pk


@pytest.mark.parametrize(
    "path",
    ["//evil.example/", "https://evil.example/", "/compte/connexion/", "/orientation/fiches/", "", "relative/"],
)
def test_only_public_pages_may_be_rated(client, path):
    assert vote(client, path).status_code == 400
    assert not PageFeedback.objects.exists()


def test_an_answer_must_be_yes_or_no(client, place):
    assert vote(client, reverse("public:place", args=[place.pk]), "peut-être").status_code == 400


@pytest.mark.parametrize(
    ("comment", "stored", "message"),
    [
        ("Les horaires étaient clairs.", "Les horaires étaient clairs.", ""),
        ("Écrivez-moi à lou@personne.example", "", "Commentaire : retirez une adresse e-mail."),
        ("Rappelez-moi au 06 12 34 56 78", "", "Commentaire : retirez un numéro de téléphone."),
        ("Mon dossier 12345678", "", "Commentaire : retirez une longue suite de chiffres"),
    ],
)
def test_the_comment_is_filtered(client, place, comment, stored, message):
    path = reverse("public:place", args=[place.pk])
    key = vote(client, path, **HTMX).context["key"]
    response = client.post(reverse("feedback:page_comment"), {"key": key, "page": path, "comment": comment}, **HTMX)
    html = response.content.decode()
    assert PageFeedback.objects.get().comment == stored
    if message:
        assert message in html.replace("&#x27;", "'")
    else:
        assert "Merci pour votre commentaire" in html


def test_a_comment_needs_the_key_of_a_fresh_answer_and_only_once(client, place):
    path = reverse("public:place", args=[place.pk])
    key = vote(client, path).context["key"]
    url = reverse("feedback:page_comment")
    assert (
        "Commentaire non enregistré"
        in client.post(url, {"key": "forged", "page": path, "comment": "x"}).content.decode()
    )
    client.post(url, {"key": key, "page": path, "comment": "Clair."})
    again = client.post(url, {"key": key, "page": path, "comment": "Autre chose"}).content.decode()
    assert "Commentaire non enregistré" in again and PageFeedback.objects.get().comment == "Clair."


def test_ratings_are_throttled_per_address(client, place, settings):
    settings.SPRO_PAGE_FEEDBACK_LIMIT_PER_HOUR = 3
    path = reverse("public:place", args=[place.pk])
    pages = [vote(client, path).content.decode() for _ in range(5)]
    assert PageFeedback.objects.count() == 3
    assert "n'a pas été compté" in pages[-1].replace("&#x27;", "'")


def test_the_indicators_count_ratings_per_page_and_territory(place, t41, t18):
    from apps.indicators.filters import IndicatorFilter, Period
    from apps.indicators.measures import voice
    from tests.clock import FROZEN_NOW

    PageFeedback.objects.create(
        page="public:place", path="/lieux/1/", territory=t41, helpful=True, date=FROZEN_NOW.date()
    )
    PageFeedback.objects.create(
        page="public:place", path="/lieux/1/", territory=t41, helpful=False, date=FROZEN_NOW.date()
    )
    PageFeedback.objects.create(page="public:home", path="/", territory=t18, helpful=True, date=FROZEN_NOW.date())
    f = IndicatorFilter(Period.year(FROZEN_NOW.year))
    assert voice.page_ratings(f) == (2, 3)
    assert voice.page_ratings(f, by="page") == {"public:place": (1, 2), "public:home": (1, 1)}
    assert voice.page_ratings(f, by="territory") == {t41.pk: (1, 2), t18.pk: (1, 1)}
    assert voice.page_ratings(IndicatorFilter(Period.year(FROZEN_NOW.year), territory=t18)) == (1, 1)
