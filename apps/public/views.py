from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from apps.core.bounds import page_number
from apps.directory.models import Place, Service, Structure
from apps.directory.opening_hours import describe_opening_hours, hours_on
from apps.directory.search_read import search_page
from apps.directory.selectors import DEFAULT_RADIUS_KM, map_points, ranking_explanation
from apps.geo.selectors import suggest_communes

from .forms import RADIUS_CHOICES, SearchForm
from .privacy import data_kinds

PAGE_SIZE = 20


@require_GET
def home(request):
    return render(request, "public/home.html", {"form": SearchForm()})


@require_GET
def search(request):
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("rayon"):
        data["rayon"] = str(DEFAULT_RADIUS_KM)
    form = SearchForm(data)
    context = {"form": form, "searched": False}
    if request.GET and form.is_valid():
        context.update(_search_context(request, form))
    template = "public/_results.html" if request.htmx else "public/search.html"
    return render(request, template, context)


def _search_context(request, form):
    criteria = form.criteria()
    page_number = _page_number(request)
    result = search_page(criteria, offset=(page_number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    paginator = Paginator(range(result.count), PAGE_SIZE)
    page = paginator.get_page(page_number)
    query = request.GET.copy()
    query.pop("page", None)
    wider = [r for r, _ in RADIUS_CHOICES if r > criteria.radius_km]
    if wider:
        query_wider = query.copy()
        query_wider["rayon"] = wider[0]
    # A call-back asked from a result card carries the search's situation, question and commune (anonymous facts).
    carried = {
        "statut": criteria.status,
        "theme": criteria.theme,
        "commune": criteria.commune.code if criteria.commune else "",
    }
    groups = result.by_place()
    return {
        "searched": True,
        # The page's places on the map (one marker per place, even when its services are listed twice).
        "map_points": map_points(list({group.place.pk: group.place for group in groups}.values())),
        "callback_query": urlencode({key: value for key, value in carried.items() if value}),
        "criteria": criteria,
        "result": result,
        "groups": groups,
        "ranking": ranking_explanation(criteria),
        "page": page,
        "query_string": query.urlencode(),
        "wider_radius": wider[0] if wider else None,
        "wider_query": query_wider.urlencode() if wider else "",
    }


def _page_number(request) -> int:
    return page_number(request.GET.get("page"), PAGE_SIZE)


@require_GET
def commune_suggestions(request):
    communes = suggest_communes(request.GET.get("lieu", ""))
    return render(request, "public/_commune_options.html", {"communes": communes})


@require_GET
def place_detail(request, pk):
    place = get_object_or_404(Place.objects.public().select_related("structure__network", "commune"), pk=pk)
    services = place.services.public().prefetch_related("themes").order_by("name")
    return render(
        request,
        "public/place.html",
        {
            "place": place,
            "services": services,
            "hours": describe_opening_hours(place.opening_hours),
            "today_hours": hours_on(place.opening_hours, timezone.localdate()),
            "map_points": map_points([place]),
        },
    )


@require_GET
def service_detail(request, pk):
    service = get_object_or_404(
        Service.objects.public()
        .select_related("structure__network")
        .prefetch_related("statuses", "themes", "info_types"),
        pk=pk,
    )
    places = service.places.public().select_related("commune").order_by("commune__name")
    return render(request, "public/service.html", {"service": service, "places": places})


@require_GET
def structure_detail(request, slug):
    structure = get_object_or_404(Structure.objects.public().select_related("network", "territory"), slug=slug)
    places = structure.places.public().select_related("commune")
    services = structure.services.public().order_by("name")
    return render(request, "public/structure.html", {"structure": structure, "places": places, "services": services})


@require_GET
def static_page(request, template):
    return render(request, f"public/{template}.html")


@require_GET
def privacy(request):
    """The privacy notice: its retention table comes from the settings the purge applies."""
    return render(request, "public/privacy.html", {"data_kinds": data_kinds()})


@require_GET
def about(request):
    """« Le SPRO, c'est quoi ? »: who it is for, the three kinds of help, the networks, the doors at a distance."""
    from apps.directory.models import Status
    from apps.directory.selectors import SearchCriteria, networks_overview, public_place_count, remote_services

    levels = [
        {"title": title, "text": Service.CEP_LEVEL_EXPLAINED[level]} for level, title in Service.CEP_LEVEL_PLAIN.items()
    ]
    return render(
        request,
        "public/about.html",
        {
            "levels": levels,
            "networks": networks_overview(),
            "place_count": public_place_count(),
            "statuses": Status.objects.filter(is_active=True),
            "remote_doors": [s for s in remote_services(SearchCriteria()) if s.website],
        },
    )
