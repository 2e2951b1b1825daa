import pytest

from apps.core.geo_math import bounding_box, haversine_km
from apps.core.text import normalize
from apps.geo.models import Commune, Territory
from apps.geo.selectors import resolve_commune, suggest_communes
from apps.geo.services import load_reference_geography, load_territories


def test_normalize_strips_accents_case_and_punctuation():
    assert normalize("Châteauroux") == "chateauroux"
    assert normalize("Saint-Amand-Montrond") == "saint amand montrond"
    assert normalize("  ŒUVRE d'Art ") == "oeuvre d art"


def test_haversine_blois_tours_is_about_54_km():
    # Blois (47.5884, 1.33528) to Tours (47.39122, 0.68922): 53.5 km as the crow flies.
    assert haversine_km(47.5884, 1.33528, 47.39122, 0.68922) == pytest.approx(53.5, abs=0.5)


def test_bounding_box_contains_the_circle():
    min_lat, max_lat, min_lon, max_lon = bounding_box(47.5, 1.3, 30)
    assert haversine_km(47.5, 1.3, max_lat, 1.3) == pytest.approx(30, abs=0.01)
    assert haversine_km(47.5, 1.3, 47.5, max_lon) == pytest.approx(30, abs=0.01)
    assert min_lat < 47.5 < max_lat and min_lon < 1.3 < max_lon


@pytest.fixture
def cvl_geo(db):
    load_reference_geography(["36", "41"])
    load_territories()


def test_load_reference_geography_loads_communes_with_postal_codes(cvl_geo):
    blois = Commune.objects.get(code="41018")
    assert blois.name == "Blois" and "41000" in blois.postal_codes
    assert blois.departement.region.name == "Centre-Val de Loire"
    assert Commune.objects.filter(departement_id="41").count() > 250


def test_loading_twice_is_idempotent(cvl_geo):
    before = Commune.objects.count()
    load_reference_geography(["41"])
    assert Commune.objects.count() == before


@pytest.mark.parametrize(
    "typed, expected_code",
    [
        ("chateauroux", "36044"),
        ("CHÂTEAUROUX", "36044"),
        ("41000", "41018"),
        ("Blois (41000)", "41018"),
        ("41018", "41018"),
    ],
)
def test_resolve_commune_ignores_accents_and_case(cvl_geo, typed, expected_code):
    assert resolve_commune(typed).code == expected_code


def test_suggestions_by_name_prefix_and_postal_code(cvl_geo):
    assert suggest_communes("chateaur")[0].code == "36044"
    assert suggest_communes("41000")[0].code == "41018"  # the biggest commune of the postal code first
    assert suggest_communes("x") == []


def test_unknown_commune_resolves_to_none(cvl_geo):
    assert resolve_commune("Zzyzx-sur-Rien") is None


def test_only_loaded_territories_are_created_and_bassins_split_a_departement(cvl_geo):
    codes = set(Territory.objects.values_list("code", flat=True))
    assert codes == {"chateauroux", "issoudun", "le-blanc-la-chatre-argenton", "loir-et-cher"}
    indre = Commune.objects.filter(departement_id="36").count()
    in_bassins = sum(Territory.objects.get(code=c).communes.count() for c in codes - {"loir-et-cher"})
    assert in_bassins == indre  # every commune of the Indre belongs to exactly one bassin
    assert Territory.objects.get(code="issoudun").communes.filter(code="36088").exists()
    assert (
        Territory.objects.get(code="loir-et-cher").communes.count()
        == Commune.objects.filter(departement_id="41").count()
    )
