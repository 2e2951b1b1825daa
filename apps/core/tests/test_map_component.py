"""The map component: markers from the page's own data, the tile server allowed by the CSP, nothing without points."""

import json

import pytest
from django.template import Context, Template
from django.test import override_settings

from spro.settings import tile_origin

TEMPLATE = Template('{% load maps %}{% map points "Carte des lieux" map_id="carte-test" legend=legend %}')


def render(points, legend=None) -> str:
    return TEMPLATE.render(Context({"points": points, "legend": legend}))


def markers_in(html: str) -> list[dict]:
    start = html.index('<script id="carte-test-data" type="application/json">') + len(
        '<script id="carte-test-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_markers_are_the_points_with_coordinates():
    html = render(
        [
            {"lat": 47.5861, "lon": 1.3359, "label": "Mission locale", "url": "/lieux/1/", "detail": "Blois"},
            {"lat": None, "lon": 1.0, "label": "Sans coordonnées"},
            {"label": "Sans rien"},
            {"lat": "47.9", "lon": "1.9", "label": "Orléans", "colour": "far"},
        ]
    )
    assert markers_in(html) == [
        {"lat": 47.5861, "lon": 1.3359, "label": "Mission locale", "url": "/lieux/1/", "detail": "Blois"},
        {"lat": 47.9, "lon": 1.9, "label": "Orléans", "colour": "#b3261e"},
    ]
    assert 'aria-labelledby="carte-test-caption"' in html
    assert " hidden>" in html  # shown by the script only once markers are drawn


def test_no_points_renders_nothing():
    assert render([]).strip() == ""
    assert render([{"label": "Sans coordonnées"}]).strip() == ""


def test_legend_keeps_known_colours_only():
    html = render([{"lat": 47, "lon": 1, "label": "A", "colour": "near"}], legend=[("near", "< 20 km"), ("bleu", "?")])
    assert "&lt; 20 km" in html and "?" not in html.split("map__legend")[1].split("</ul>")[0]


def test_label_is_escaped():
    html = render([{"lat": 47, "lon": 1, "label": "</script><b>x"}])
    assert "</script><b>" not in html


@pytest.mark.parametrize(
    "url, origin",
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ],
)
def test_tile_origin(url, origin):
    assert tile_origin(url) == origin


@override_settings(SPRO_MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png")
def test_tile_url_comes_from_settings():
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in render([{"lat": 47, "lon": 1, "label": "A"}])


def test_csp_allows_the_default_tile_server(client, db):
    response = client.get("/")
    assert "https://tile.openstreetmap.org" in response["Content-Security-Policy"].split("img-src")[1].split(";")[0]
