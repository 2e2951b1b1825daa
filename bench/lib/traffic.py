"""Public traffic for bench/faults.py: a weighted URL mix read from the database, and a bounded client.

`python bench/lib/traffic.py` (DATABASE_URL set) prints the inventory the mix is drawn from, as JSON:
communes of the region with their "Nom (CP)" label, active places, services and structures, the
vocabularies. The client is a bounded pool of threads, one request at a time each, over http.client
(gunicorn's sync workers close every connection: no keep-alive to reuse).
"""

import http.client
import json
import os
import random
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
TIMEOUT_S = 10
HTMX = (("HX-Request", "true"),)
RADII = [10, 20, 30, 50]
# Share of each kind in the public mix: search heavy (page, its htmx partial, the API), then the assistant,
# the detail pages reached from the results, the home page, autocomplete while typing, a stylesheet.
WEIGHTS = {
    "search_page": 22,
    "search_htmx": 10,
    "api_search": 12,
    "home": 10,
    "place": 9,
    "assistant": 8,
    "api_orientation": 6,
    "suggest": 8,
    "service": 5,
    "structure": 4,
    "static": 5,
    "schema": 1,
}


@dataclass(frozen=True)
class Target:
    kind: str
    path: str
    headers: tuple = ()


@dataclass
class Outcome:
    kind: str
    path: str
    started: float  # time.monotonic()
    seconds: float
    status: int | None  # None: socket error or timeout
    error: str = ""
    clean_503: bool = False


# --- inventory (runs inside Django) --------------------------------------------------------------


def inventory() -> dict:
    from django.conf import settings
    from django.db.models import Count

    from apps.directory.models import InfoType, Place, Service, Status, Structure, Theme
    from apps.geo.models import Commune

    region = Commune.objects.filter(departement__region_id=settings.SPRO_REGION_CODE).exclude(postal_codes="")
    with_places = region.annotate(n=Count("places")).filter(n__gt=0)
    picked = {c.code: c for c in list(with_places) + list(region.order_by("-population")[:60])}
    return {
        "communes": [
            {"code": c.code, "label": c.label, "name": c.name, "weight": c.population or 1} for c in picked.values()
        ],
        "places": list(Place.objects.filter(is_active=True).values_list("pk", flat=True)),
        "services": list(Service.objects.filter(is_active=True).values_list("pk", flat=True)),
        "structures": list(Structure.objects.filter(is_active=True).values_list("slug", flat=True)),
        "statuses": list(Status.objects.filter(is_active=True).values_list("code", flat=True)),
        "themes": list(Theme.objects.filter(is_active=True).values_list("code", flat=True)),
        "info_types": list(InfoType.objects.filter(is_active=True).values_list("code", flat=True)),
    }


# --- the URL mix ---------------------------------------------------------------------------------


def _some(rng: random.Random, share: float, values: list[str]) -> str:
    return rng.choice(values) if values and rng.random() < share else ""


def _search_query(rng, inv, commune) -> dict:
    query = {"lieu": commune["label"], "statut": _some(rng, 0.5, inv["statuses"])}
    query |= {"theme": _some(rng, 0.5, inv["themes"]), "type": _some(rng, 0.25, inv["info_types"])}
    query |= {"rayon": rng.choice(RADII)}
    if rng.random() < 0.1:
        query["page"] = 2
    return query


def _api_search(rng, inv, commune) -> str:
    query = {"commune": commune["code"], "radius_km": rng.choice(RADII)}
    query |= {"status": _some(rng, 0.5, inv["statuses"]), "theme": _some(rng, 0.5, inv["themes"])}
    query |= {"info_type": _some(rng, 0.25, inv["info_types"])}
    return "/api/v1/services/search?" + urlencode(query)


def _orientation(rng, inv, commune, api: bool) -> str:
    age, status, theme = rng.randint(14, 62), rng.choice(inv["statuses"]), rng.choice(inv["themes"])
    if api:
        query = {"age": age, "status": status, "theme": theme, "commune": commune["code"]}
        return "/api/v1/orientation?" + urlencode(query)
    query = {"lieu": commune["label"], "statut": status, "age": age, "theme": theme}
    if rng.random() < 0.1:
        query["handicap"] = "on"
    return "/quelle-porte/?" + urlencode(query)


def _suggest(rng, commune) -> str:
    name = commune["name"]
    typed = name[: rng.randint(2, max(2, min(6, len(name))))] if rng.random() < 0.8 else commune["label"][-6:-1]
    return "/communes/suggestions/?" + urlencode({"lieu": typed})


def target(kind: str, rng: random.Random, inv: dict, static_path: str) -> Target:
    commune = rng.choices(inv["communes"], weights=[c["weight"] for c in inv["communes"]])[0]
    paths = {
        "search_page": lambda: "/recherche/?" + urlencode(_search_query(rng, inv, commune)),
        "search_htmx": lambda: "/recherche/?" + urlencode(_search_query(rng, inv, commune)),
        "api_search": lambda: _api_search(rng, inv, commune),
        "home": lambda: "/",
        "place": lambda: f"/lieux/{rng.choice(inv['places'])}/",
        "assistant": lambda: _orientation(rng, inv, commune, api=False),
        "api_orientation": lambda: _orientation(rng, inv, commune, api=True),
        "suggest": lambda: _suggest(rng, commune),
        "service": lambda: f"/services/{rng.choice(inv['services'])}/",
        "structure": lambda: f"/structures/{rng.choice(inv['structures'])}/",
        "static": lambda: static_path,
        "schema": lambda: "/api/v1/schema/",
    }
    headers = HTMX if kind in ("search_htmx", "suggest") else ()
    return Target(kind, paths[kind](), headers)


def build_mix(inv: dict, count: int, static_path: str, weights: dict | None = None, seed: int = 20261124) -> list:
    """`count` requests drawn by kind weight; the same list for the same inventory and seed."""
    weights = weights or WEIGHTS
    rng = random.Random(seed)
    kinds = rng.choices(list(weights), weights=list(weights.values()), k=count)
    return [target(kind, rng, inv, static_path) for kind in kinds]


def stylesheet_path(port: int) -> str:
    """The hashed stylesheet URL the home page links to (what browsers fetch)."""
    _, _, body = request(port, Target("home", "/"))
    found = re.search(rb'href="(/static/css/spro[.\w]*\.css)"', body or b"")
    return found.group(1).decode() if found else "/static/css/spro.css"


def _cookie(response, name: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0]
    raise RuntimeError(f"no {name} cookie in the answer")


def pro_session(port: int, email: str, password: str) -> Target:
    """Log a demo member in (login form, CSRF token) and return a GET of their dashboard with the session."""
    login = "/compte/connexion/"
    status, response, body = request(port, Target("login", login))
    if status != 200:
        raise RuntimeError(f"GET {login}: {status} {response}")
    csrf = _cookie(response, "csrftoken")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"username": email, "password": password, "csrfmiddlewaretoken": token}).encode()
    headers = (("Cookie", csrf), ("Content-Type", "application/x-www-form-urlencoded"))
    status, response, _ = request(port, Target("login", login, headers), body=form)
    if status != 302:
        raise RuntimeError(f"POST {login} as {email}: {status}, expected a redirection")
    return Target("pro_dashboard", "/compte/tableau-de-bord/", (("Cookie", _cookie(response, "sessionid")),))


# --- the client ----------------------------------------------------------------------------------


def request(port: int, tgt: Target, timeout: float = TIMEOUT_S, body: bytes | None = None):
    """(status, response, body); status None and the error text as response on a socket error or timeout.
    GET, or POST when `body` is given."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("POST" if body is not None else "GET", tgt.path, body=body, headers=dict(tgt.headers))
        response = conn.getresponse()
        return response.status, response, response.read()
    except (OSError, http.client.HTTPException) as exc:
        return None, f"{type(exc).__name__}: {exc}", b""
    finally:
        conn.close()


def is_clean_503(tgt: Target, response, body: bytes) -> bool:
    """503 + Retry-After; JSON for the API, the French page for HTML (htmx partials too: same page)."""
    if response.getheader("Retry-After") is None:
        return False
    content_type = response.getheader("Content-Type", "")
    if tgt.path.startswith("/api/"):
        try:
            return "application/json" in content_type and "detail" in json.loads(body)
        except ValueError:
            return False
    return "text/html" in content_type and "Service momentanément indisponible".encode() in body


def fetch(port: int, tgt: Target) -> Outcome:
    started = time.monotonic()
    status, response, body = request(port, tgt)
    seconds = time.monotonic() - started
    if status is None:
        return Outcome(tgt.kind, tgt.path, started, seconds, None, error=response)
    outcome = Outcome(tgt.kind, tgt.path, started, seconds, status)
    if status == 503:
        outcome.clean_503 = is_clean_503(tgt, response, body)
    if status not in (200, 503) or b"Traceback" in body:
        outcome.error = f"HTTP {status}: {body[:200]!r}"
    return outcome


def run(port: int, mix: list[Target], threads: int, stop: threading.Event, deadline: float) -> list[Outcome]:
    """`threads` clients, each one request at a time through the mix, until `stop` or `deadline`."""
    outcomes: list[Outcome] = []  # list.append is atomic under the GIL

    def client(offset: int) -> None:
        index = offset
        while not stop.is_set() and time.monotonic() < deadline:
            outcomes.append(fetch(port, mix[index % len(mix)]))
            index += 1

    pool = [threading.Thread(target=client, args=(i * len(mix) // threads,), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(max(0, deadline - time.monotonic()) + 2 * TIMEOUT_S)
    return outcomes


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings")
    import django

    django.setup()
    print(json.dumps(inventory()))
