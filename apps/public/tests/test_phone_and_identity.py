"""Phone-first place pages and result cards, and the platform's identity (icons, Région block)."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from apps.directory.opening_hours import NBSP
from tests.factories import PlaceFactory, ServiceFactory

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


@pytest.fixture
def place():
    # The clock is frozen on Thursday 26 November 2026: the Thursday rule applies today.
    return PlaceFactory(
        phone="02 99 00 12 34",
        opening_hours="Mo-Fr 09:00-12:30,13:30-17:00; Th 14:00-17:00; PH off",
        latitude=47.5884,
        longitude=1.33528,
    )


def test_a_place_page_opens_with_its_essentials_before_the_services(client, place):
    ServiceFactory(structure=place.structure, at=[place])
    content = client.get(place.get_absolute_url()).content.decode()
    essentials = content[content.index('class="essentials"') : content.index("Services proposés dans ce lieu")]
    assert "1 rue de l&#x27;Exemple, 41000&nbsp;Blois" in essentials
    assert f"14{NBSP}h – 17{NBSP}h" in essentials  # today's hours, a time never split
    assert 'href="tel:0299001234"' in essentials
    assert reverse("public:callback", args=[place.pk]) in essentials
    assert (
        'href="https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&amp;route=%3B47.588400%2C1.335280"'
        in essentials
    )


@pytest.mark.parametrize(
    ("opening_hours", "today"),
    [
        ("Mo-We 09:00-12:00", "fermé"),
        ("", "horaires non renseignés : appelez avant de venir"),
    ],
)
def test_today_says_closed_or_unknown(client, opening_hours, today):
    place = PlaceFactory(opening_hours=opening_hours)
    content = client.get(place.get_absolute_url()).content.decode()
    assert f'<dd class="place-today">{today}</dd>' in content


def test_a_result_card_carries_the_phone_and_a_call_back_with_the_search(client, place):
    ServiceFactory(structure=place.structure, at=[place])
    response = client.get(reverse("public:search"), {"lieu": "41000"})
    content = response.content.decode()
    assert 'href="tel:0299001234"' in content
    assert response.context["callback_query"] == "commune=41018"
    url = urlsplit(reverse("public:callback", args=[place.pk]) + "?" + response.context["callback_query"])
    assert f'href="{url.path}?{url.query}"' in content
    assert parse_qs(url.query) == {"commune": ["41018"]}


def test_the_call_back_form_asks_by_phone_unless_changed(client, place):
    form = client.get(reverse("public:callback", args=[place.pk])).context["form"]
    assert form["preferred_channel"].value() == "phone"


def test_every_page_links_the_icons_and_the_manifest(client, db):
    content = client.get(reverse("public:home")).content.decode()
    for path in ["icons/favicon.ico", "icons/spro-mark.svg", "icons/apple-touch-icon.png", "site.webmanifest"]:
        assert f'href="/static/{path}"' in content
        assert (STATIC / path).is_file()


def test_the_manifest_names_icons_that_exist():
    manifest = json.loads((STATIC / "site.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "fr" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        path = STATIC / icon["src"]
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            from PIL import Image

            with Image.open(path) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]


def test_the_region_block_shows_its_name_by_default(client, db):
    content = client.get(reverse("public:home")).content.decode()
    assert '<strong class="region-name">Région Centre-Val de Loire</strong>' in content


@override_settings(
    SPRO_REGION_NAME="Bretagne", SPRO_REGION_LOGO="region/logo.svg", SPRO_REGION_URL="https://region.example/"
)
def test_the_region_block_comes_from_the_settings(client, db):
    content = client.get(reverse("public:home")).content.decode()
    assert '<img src="/static/region/logo.svg" alt="Un service de la Région Bretagne"' in content
    assert '<a href="https://region.example/" rel="noopener">' in content
    assert "SPRO Bretagne" in content


def test_the_results_map_has_one_marker_per_listed_place(client, place):
    other = PlaceFactory(name="Antenne de Blois Nord", latitude=47.60, longitude=1.33)
    ServiceFactory(structure=place.structure, at=[place])
    ServiceFactory(structure=place.structure, at=[place])  # two services, one place: one marker
    ServiceFactory(structure=other.structure, at=[other])
    response = client.get(reverse("public:search"), {"lieu": "41000"})
    points = response.context["map_points"]
    assert sorted(point["url"] for point in points) == sorted([place.get_absolute_url(), other.get_absolute_url()])
    assert '<script id="carte-resultats-data" type="application/json">' in response.content.decode()


def test_a_place_page_maps_its_place(client, place):
    response = client.get(place.get_absolute_url())
    (point,) = response.context["map_points"]
    assert (point["lat"], point["lon"], point["url"]) == (47.5884, 1.33528, place.get_absolute_url())
    assert '<script id="carte-lieu-data" type="application/json">' in response.content.decode()
