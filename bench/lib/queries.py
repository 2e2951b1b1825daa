"""The mixed sets of queries the benchmarks replay: the same on every run and on both databases.

Communes are drawn in proportion to their population (people search from where they live);
the criteria are set as often as the public form's users set them, roughly.
"""

import random
from urllib.parse import urlencode

from .reference import communes, population_weights, vocabularies

SEED = 20260707
RADII = [10, 20, 30, 50]
# Words people type in "Mots-clés": all appear in the generated service texts, some rarely.
WORDS = [
    "emploi",
    "formation",
    "orientation",
    "bilan",
    "vae",
    "apprentissage",
    "entreprise",
    "atelier",
    "conseil evolution",
    "jeunes",
    "handicap",
    "metiers",
]


def _draw_communes(rng: random.Random, count: int):
    return rng.choices(communes(), cum_weights=population_weights(), k=count)


def search_params(count: int = 400, seed: int = SEED) -> list[dict]:
    """Parameters of GET /api/v1/services/search."""
    rng = random.Random(seed)
    vocab = vocabularies()
    params = []
    for commune in _draw_communes(rng, count):
        query = {"commune": commune.code}
        if rng.random() < 0.5:
            query["status"] = rng.choice(vocab["statuses"])
        if rng.random() < 0.5:
            query["theme"] = rng.choice(vocab["themes"])
        if rng.random() < 0.25:
            query["info_type"] = rng.choice(vocab["info_types"])
        if rng.random() < 0.15:
            query["q"] = rng.choice(WORDS)
        query["radius_km"] = rng.choice(RADII)
        params.append(query)
    return params


def search_urls(count: int = 400, seed: int = SEED) -> list[str]:
    return [f"/api/v1/services/search?{urlencode(p)}" for p in search_params(count, seed)]


def orientation_urls(count: int = 300, seed: int = SEED + 1) -> list[str]:
    """GET /api/v1/orientation: the assistant's situations (age, status, theme, handicap, commune)."""
    rng = random.Random(seed)
    vocab = vocabularies()
    urls = []
    for commune in _draw_communes(rng, count):
        query = {}
        if rng.random() < 0.9:
            query["age"] = rng.randint(14, 62)
        if rng.random() < 0.8:
            query["status"] = rng.choice(vocab["statuses"])
        if rng.random() < 0.6:
            query["theme"] = rng.choice(vocab["themes"])
        if rng.random() < 0.1:
            query["handicap"] = "true"
        if rng.random() < 0.95:
            query["commune"] = commune.code
        urls.append(f"/api/v1/orientation?{urlencode(query)}")
    return urls


def results_page_urls(count: int = 300, seed: int = SEED + 2) -> list[str]:
    """The public results page /recherche/ as the form submits it (lieu = the picked suggestion)."""
    rng = random.Random(seed)
    vocab = vocabularies()
    urls = []
    for commune in _draw_communes(rng, count):
        query = {"lieu": commune.label}
        query["statut"] = rng.choice(vocab["statuses"]) if rng.random() < 0.5 else ""
        query["theme"] = rng.choice(vocab["themes"]) if rng.random() < 0.5 else ""
        query["type"] = rng.choice(vocab["info_types"]) if rng.random() < 0.2 else ""
        query["rayon"] = rng.choice(RADII)
        query["q"] = rng.choice(WORDS) if rng.random() < 0.1 else ""
        urls.append(f"/recherche/?{urlencode(query)}")
    return urls
