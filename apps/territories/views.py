"""Pages of the territory panoramas: the Région side by side, a territory's panorama (by month), its PDF, the method."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from apps.geo.models import Territory

from . import selectors
from .display import DISTANCE_BANDS, PanoramaView, age_structure, km_text, map_points
from .networks import BY_KEY, KEY_NETWORKS
from .pdf import panorama_pdf
from .tables import side_by_side

COMMUNES_PER_PAGE = 50


def _month_or_404(request, territory):
    """The month asked for (?mois=AAAA-MM), or the latest kept; 404 for a month that is not kept."""
    text = request.GET.get("mois", "")
    month = selectors.parse_month(text)
    if text and month is None:
        raise Http404("Mois au format AAAA-MM attendu.")
    found = selectors.panorama(territory, month)
    if month is not None and found is None:
        raise Http404("Aucun panorama n'est gardé pour ce mois.")
    return found


@require_GET
def index(request):
    months = selectors.months_kept()
    text = request.GET.get("mois", "")
    month = selectors.parse_month(text) or (months[0] if months else None)
    if text and month not in months:
        raise Http404("Aucun panorama n'est gardé pour ce mois.")
    table = side_by_side(selectors.panoramas_of_month(month)) if month else None
    context = {
        "territories": selectors.territories(),
        "months": months,
        "month": month,
        "table": table,
        "month_label": PanoramaView(None, month, {}).month_label if month else "",
    }
    return render(request, "territories/index.html", context)


@require_GET
def panorama(request, code):
    territory = get_object_or_404(Territory, code=code)
    found = _month_or_404(request, territory)
    if found is None:
        return render(request, "territories/panorama_empty.html", {"territory": territory}, status=200)
    view = PanoramaView(territory, found.month, found.figures)
    key = request.GET.get("reseau", "mission-locale")
    if key not in BY_KEY:
        key = "mission-locale"
    coverage = list(selectors.commune_coverage(found.month, territory))
    series = selectors.series_values(territory)
    ordered = sorted(coverage, key=lambda row: (row[5].get(key) is not None, -(row[5].get(key) or 0), row[1]))
    page = Paginator(ordered, COMMUNES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "territory": territory,
        "view": view,
        "month": found.month,
        "months": selectors.months_kept(territory),
        "network": BY_KEY[key],
        "networks": KEY_NETWORKS,
        "furthest": [row | {"km_text": km_text(row["km"])} for row in view.furthest(key)],
        "points": map_points(coverage, key),
        "legend": DISTANCE_BANDS + [("none", "aucun lieu de ce réseau")],
        "communes_page": page,
        "communes_rows": [_commune_row(row) for row in page.object_list],
        "series": series,
        "ages": age_structure(series),
        "can_see_documents": request.user.has_perm("territories.view_documents"),
    }
    return render(request, "territories/panorama.html", context)


def _commune_row(row) -> dict:
    code, name, population, _lat, _lon, distances = row
    return {
        "code": code,
        "name": name,
        "population": population,
        "distances": [km_text(distances.get(n.key)) for n in KEY_NETWORKS],
    }


@require_GET
def panorama_file(request, code):
    territory = get_object_or_404(Territory, code=code)
    found = _month_or_404(request, territory)
    if found is None:
        raise Http404("Le panorama de ce territoire n'a pas encore été calculé.")
    view = PanoramaView(territory, found.month, found.figures)
    content = panorama_pdf(view, selectors.series_values(territory))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="panorama-{territory.code}-{found.month:%Y-%m}.pdf"'
    return response


@require_GET
def method(request):
    return render(request, "territories/method.html", {"networks": KEY_NETWORKS})
