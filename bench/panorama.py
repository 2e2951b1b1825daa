"""Benchmark: the coverage of every French commune and the territory panorama page.

Usage (from the project root), on a database holding the national directory of bench/run.py:

    DATABASE_URL=sqlite:////tmp/spro-bench-national.sqlite3 .venv/bin/python bench/panorama.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/spro_bench_national .venv/bin/python bench/panorama.py

`bench/run.py` runs it on both engines after building that directory (step `panorama`). Prints:

    coverage_national_s <s>        refresh_month(): every commune with coordinates (~35,000) against every
                                   public place of the six key networks, stored, with the 13 panoramas
    coverage_100k_places_s <s>     the distance computation alone against 100,000 places drawn at communes
                                   in proportion to their population (six networks), without the database
    panorama_page_ms <ms>          the 95th percentile of GET /territoires/dreux/ (test Client, anonymous)
"""

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/spro-bench-national.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.lib.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from apps.directory.models import Place  # noqa: E402
from apps.territories.coverage import compute_distances, located_communes  # noqa: E402
from apps.territories.networks import KEYS  # noqa: E402
from apps.territories.services import refresh_month  # noqa: E402

PAGE_REQUESTS = 40
SEED = 2026


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def synthetic_places(count: int) -> dict[str, list]:
    """`count` places at communes drawn by population, a little away from the town hall, over six networks."""
    from apps.geo.models import Commune

    rng = random.Random(SEED)
    communes = list(
        Commune.objects.filter(latitude__isnull=False, population__gt=0).values_list(
            "latitude", "longitude", "population"
        )
    )
    drawn = rng.choices(communes, weights=[c[2] for c in communes], k=count)
    points: dict[str, list] = {key: [] for key in KEYS}
    for i, (lat, lon, _population) in enumerate(drawn):
        points[KEYS[i % len(KEYS)]].append((lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02), i))
    return points


def main() -> int:
    call_command("migrate", verbosity=0)
    places = Place.objects.public().count()
    communes = located_communes()
    print(f"# {len(communes)} communes with coordinates, {places} public places in the directory", flush=True)

    started = time.monotonic()
    run = refresh_month()
    coverage_s = time.monotonic() - started
    print(f"# key-network places: {run.places}", flush=True)
    print(f"coverage_national_s {coverage_s:.1f} s", flush=True)

    points = synthetic_places(100_000)
    started = time.monotonic()
    compute_distances(points=points, communes=communes)
    print(f"coverage_100k_places_s {time.monotonic() - started:.1f} s", flush=True)

    client = Client()
    url = "/territoires/dreux/"
    first = client.get(url)
    if first.status_code != 200:
        print(f"# {url} answered {first.status_code}", flush=True)
        return 1
    timings = []
    for _ in range(PAGE_REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(1000 * (time.perf_counter() - started))
        if response.status_code != 200:
            print(f"# {url} answered {response.status_code}", flush=True)
            return 1
    print(f"# {url}: p50 {percentile(timings, 0.5):.1f} ms over {PAGE_REQUESTS} requests", flush=True)
    print(f"panorama_page_ms {percentile(timings, 0.95):.1f} ms", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
