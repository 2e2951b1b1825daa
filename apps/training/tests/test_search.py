"""The training search: nearest upcoming session first, distance shown, widened when nothing is near."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.geo.models import Commune
from apps.training import services
from apps.training.funding import Person
from apps.training.models import Training, TrainingProvider, TrainingRome, TrainingSession
from apps.training.selectors import TrainingCriteria, search_trainings

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)  # the suite's clock


@pytest.fixture
def offer(demo_region):
    """Trainings for aide-soignant around Châteauroux (36044) and far away, sessions past and to come."""
    from apps.directory.services import load_vocabularies

    load_vocabularies()
    services.load_rome()
    services.load_funding_schemes()
    provider = TrainingProvider.objects.create(siret="99900000000009", name="Institut fictif")
    made = {}

    def make(key, commune_code, starts, **values):
        commune = Commune.objects.get(code=commune_code)
        training = Training.objects.create(
            action_id=key, title=values.pop("title", "Aide-soignant"), teaching_mode=values.pop("mode", 0),
            provider=provider, search_text=values.pop("text", "aide soignant"), **values,
        )  # fmt: skip
        TrainingRome.objects.create(training=training, code="J1501", version="V4")
        for offset in starts:
            TrainingSession.objects.create(
                training=training, session_id=f"{key}-{offset}", start=TODAY + timedelta(days=offset),
                commune=commune, commune_code=commune.code, town=commune.name,
                latitude=commune.latitude, longitude=commune.longitude,
            )  # fmt: skip
        made[key] = training
        return training

    make("issoudun-soon", "36088", [10])  # Issoudun, ~27 km
    make("chateauroux-later", "36044", [90, -10])  # Châteauroux itself, its past session ignored
    make("deols-soon", "36063", [5])  # Déols, next to Châteauroux
    make("tours-region", "37261", [3], financer_codes=["2"])  # Tours, ~100 km
    make("past-only", "36044", [-5])  # no session to come: never found
    services.index_offer()  # the places the search reads (the import writes them itself)
    return made


def _keys(page):
    return [hit.training.action_id for hit in page.hits]


def test_the_nearest_upcoming_session_comes_first_with_its_distance(offer):
    chateauroux = Commune.objects.get(code="36044")
    page = search_trainings(TrainingCriteria(q="aide-soignant", commune=chateauroux, radius_km=50))
    assert _keys(page) == ["chateauroux-later", "deols-soon", "issoudun-soon"]
    assert [hit.distance_km for hit in page.hits][0] == 0.0
    assert 0 < page.hits[1].distance_km < 5 < 20 < page.hits[2].distance_km < 35
    assert page.hits[0].session.start == TODAY + timedelta(days=90)  # the past session is not "next"
    assert page.widened_from is None and page.radius_km == 50


def test_an_empty_radius_widens_step_by_step_and_says_so(offer):
    vierzon = Commune.objects.get(code="18279")  # Vierzon: nothing within 20 km; Issoudun is within 50
    page = search_trainings(TrainingCriteria(rome="J1501", commune=vierzon, radius_km=20))
    assert (page.widened_from, page.radius_km) == (20, 50)
    assert _keys(page)[0] == "issoudun-soon"
    page = search_trainings(TrainingCriteria(rome="J1501", commune=Commune.objects.get(code="37261"), radius_km=20))
    assert _keys(page) == ["tours-region"] and page.widened_from is None
    nowhere = search_trainings(TrainingCriteria(q="plombier", commune=vierzon, radius_km=20))
    assert nowhere.count == 0 and nowhere.radius_km == 100


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"start_after": TODAY + timedelta(days=8)}, {"chateauroux-later", "issoudun-soon"}),
        ({"mode": 2}, set()),
        ({"funded_only": True, "person": Person("demandeur-emploi", 30)}, {"tours-region"}),
        ({"funded_only": True, "person": Person("salarie", 30)}, set()),
        ({"q": "soignant aide"}, {"issoudun-soon", "chateauroux-later", "deols-soon", "tours-region"}),
    ],
)
def test_filters(offer, criteria, expected):
    page = search_trainings(TrainingCriteria(**criteria))
    assert set(_keys(page)) == expected


def test_the_page_shows_distances_next_sessions_and_the_widening(client, offer):
    response = client.get(reverse("training:search"), {"metier": "aide soignant", "lieu": "Vierzon", "rayon": "20"})
    html = response.content.decode()
    assert "Aucune formation à moins de 20 km : la recherche a été élargie à 50 km." in html
    assert "Prochaine session : du 6 décembre 2026" in html


def test_a_training_page_lists_its_sessions_funding_and_the_doors_near_the_person(client, offer):
    from apps.orientation.routing import load_default_rules

    load_default_rules()
    url = reverse("training:training", args=[offer["tours-region"].pk])
    html = client.get(url, {"lieu": "Tours", "statut": "demandeur-emploi", "age": "30"}).content.decode()
    assert "Formation financée par la Région" in html
    assert "Être rappelé·e par" in html and "/etre-rappele/" in html and "theme=reprendre-formation" in html
    assert "29 novembre 2026" in html  # its session


def test_a_wrong_commune_is_named(client, offer):
    html = client.get(reverse("training:search"), {"lieu": "Atlantide"}).content.decode()
    assert "Commune ou code postal : « Atlantide » n&#x27;a pas été trouvé" in html


def test_a_training_held_in_two_places_ranks_by_its_nearer_place(offer):
    """The nearer place counts, even when its session starts later than the one further away."""
    chateauroux, tours = Commune.objects.get(code="36044"), Commune.objects.get(code="37261")
    training = Training.objects.create(
        action_id="two-places", title="Aide-soignant", teaching_mode=0, provider=offer["tours-region"].provider,
        search_text="aide soignant",
    )  # fmt: skip
    for commune, days in ((tours, 2), (chateauroux, 120)):
        TrainingSession.objects.create(
            training=training, session_id=f"two-{days}", start=TODAY + timedelta(days=days), commune=commune,
            commune_code=commune.code, town=commune.name, latitude=commune.latitude, longitude=commune.longitude,
        )  # fmt: skip
    services.index_offer()
    page = search_trainings(TrainingCriteria(q="aide soignant", commune=chateauroux, radius_km=20))
    assert _keys(page) == ["chateauroux-later", "two-places", "deols-soon"]  # same commune: the earlier start first
    assert page.hits[1].session.town == "Châteauroux" and page.hits[1].distance_km == 0.0
    far = search_trainings(TrainingCriteria(q="aide soignant", commune=tours, radius_km=20))
    assert _keys(far) == ["two-places", "tours-region"] and far.hits[0].session.start == TODAY + timedelta(days=2)


def test_the_next_session_moves_on_with_the_clock(offer, _fixed_clock):
    chateauroux = Commune.objects.get(code="36044")
    _fixed_clock.shift(timedelta(days=7))  # Déols's only session (day 5) has begun: Déols is no longer offered
    page = search_trainings(TrainingCriteria(q="aide-soignant", commune=chateauroux, radius_km=50))
    assert _keys(page) == ["chateauroux-later", "issoudun-soon"]
    _fixed_clock.shift(timedelta(days=10))  # Issoudun's too
    page = search_trainings(TrainingCriteria(q="aide-soignant", commune=chateauroux, radius_km=20))
    assert _keys(page) == ["chateauroux-later"] and page.hits[0].session.start == TODAY + timedelta(days=90)


def _reference_order(commune, radius, start_after=None, words=()) -> list[str]:
    """The rule written plainly over every session: within the radius, nearest upcoming session, then the
    earliest start, then the training's id (the same squared equirectangular distance as the SQL)."""
    import math

    from apps.directory.selectors import KM_PER_DEGREE

    first_day = max(start_after or TODAY, TODAY)
    best = {}
    for s in TrainingSession.objects.filter(start__gte=first_day, latitude__isnull=False).select_related("training"):
        if not all(w in s.training.search_text for w in words):
            continue
        dy = (s.latitude - commune.latitude) * KM_PER_DEGREE
        dx = (s.longitude - commune.longitude) * KM_PER_DEGREE * math.cos(math.radians(commune.latitude))
        squared = 0.0 if s.commune_code == commune.code else dx * dx + dy * dy
        if squared <= radius * radius:
            d, start = best.get(s.training_id, (math.inf, date.max))
            best[s.training_id] = (min(d, squared), min(start, s.start))
    ranked = sorted(best, key=lambda pk: (*best[pk], pk))
    by_id = Training.objects.in_bulk(ranked)
    return [by_id[pk].action_id for pk in ranked]


@pytest.mark.parametrize(
    ("code", "radius", "start_after", "words"),
    [
        ("36044", 50, None, ()),
        ("45234", 20, None, ()),
        ("37261", 30, None, ("formation",)),
        ("18033", 100, TODAY + timedelta(days=30), ()),
        ("28085", 50, TODAY + timedelta(days=60), ()),
        ("45234", 50, None, ("aide",)),
    ],
)
def test_the_search_gives_the_order_of_the_rule_written_plainly_on_a_generated_offer(
    demo_region, tmp_path, code, radius, start_after, words
):
    from apps.training.demo import write_demo_feed

    write_demo_feed(tmp_path / "offre.xml", trainings=150, start=TODAY - timedelta(days=30), seed=3)
    assert services.import_offer(tmp_path / "offre.xml").errors == []
    commune = Commune.objects.get(code=code)
    expected = _reference_order(commune, radius, start_after, words)
    page = search_trainings(
        TrainingCriteria(q=" ".join(words), commune=commune, radius_km=radius, start_after=start_after), limit=200
    )
    assert expected and _keys(page) == expected and page.radius_km == radius
