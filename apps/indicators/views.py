"""Dashboards (structure, territory, Region), their exports, the CREFOP synthesis, the method page and open data."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.perms import is_region_admin
from apps.core.bounds import MAX_PERIOD_MONTHS
from apps.directory.models import Structure
from apps.geo.models import Territory

from . import opendata, tasks
from .access import can_view_region, can_view_structure, can_view_territory, dashboards_of, masks_small_numbers
from .catalogue import by_family
from .dashboards import build_dashboard
from .exports import dashboard_csv, dashboard_xlsx, export_name
from .filters import IndicatorFilter
from .forms import DashboardFilterForm, SynthesisForm
from .refresh import REFRESH_MINUTES, latest_run
from .synthesis import synthesis_pdf
from .tables import NOT_PUBLISHED, SMALL, THRESHOLD

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request, kind: str, key: str | None):
    """The territory or structure of the URL, after checking the user may see it (403 otherwise)."""
    user = request.user
    if kind == "region":
        if not can_view_region(user):
            raise PermissionDenied("les indicateurs régionaux sont réservés à la Région et à l'équipe d'appui")
        return None, None
    if kind == "territory":
        territory = get_object_or_404(Territory, code=key)
        if not can_view_territory(user, territory):
            raise PermissionDenied("vous ne coordonnez pas ce territoire")
        return territory, None
    structure = get_object_or_404(Structure.objects.select_related("territory"), slug=key)
    if not can_view_structure(user, structure):
        raise PermissionDenied("vous n'êtes pas membre de cette structure")
    return None, structure


def _dashboard(request, kind: str, key: str | None, complete: bool = False):
    """The dashboard of the URL's scope, read from the monthly tables as the jobs left them (never rebuilt here)."""
    territory, structure = _scope(request, kind, key)
    form = DashboardFilterForm(request.GET or None, kind=kind)
    f = IndicatorFilter(form.period(), territory=territory, structure=structure, today=form.today)
    masked = masks_small_numbers(request.user, structure)
    dashboard = build_dashboard(f, breakdown=form.breakdown(), masked=masked, complete=complete)
    return form, dashboard


def _title(dashboard) -> str:
    f = dashboard.filter
    if f.kind == "region":
        return "Indicateurs de la Région"
    return f"Indicateurs — {f.scope_label}"


OVERVIEW_TAB = "ensemble"


def _tabs(board, shown_form, current: str) -> list[dict]:
    """The page's tabs (plain links: they work without JavaScript), each keeping the period and breakdown."""
    params = {name: value for name, value in shown_form.data.items() if value}
    tabs = [("", "Vue d'ensemble")] + [(s.family.code, s.family.title) for s in board.sections]
    return [
        {
            "code": code or OVERVIEW_TAB,
            "title": title,
            "query": "?" + urlencode(params | ({"rubrique": code} if code else {})),
            "current": code == current,
        }
        for code, title in tabs
    ]


@login_required
@require_GET
def dashboard(request, kind: str, key: str | None = None):
    form, board = _dashboard(request, kind, key)
    shown = form.shown()
    query = urlencode({name: value for name, value in shown.data.items() if value})
    url_args = [key] if key else []
    codes = [section.family.code for section in board.sections]
    tab = request.GET.get("rubrique", "")
    tab = tab if tab in codes else ""
    context = {
        "form": shown,
        "errors_form": form if form.is_bound and not form.is_valid() else None,
        "period_label": board.filter.period.label_on(form.today),
        "tabs": _tabs(board, shown, tab),
        "tab": tab,
        "section": next((s for s in board.sections if s.family.code == tab), None),
        "refresh_minutes": REFRESH_MINUTES,
        "dashboard": board,
        "title": _title(board),
        "kind": kind,
        "key": key,
        "query": f"?{query}" if query else "",
        "csv_url": reverse(f"indicators:{kind}_export", args=[*url_args, "csv"]),
        "xlsx_url": reverse(f"indicators:{kind}_export", args=[*url_args, "xlsx"]),
        "last_run": latest_run(),
        "small": SMALL,
        "not_published": NOT_PUBLISHED,
        "can_synthesise": kind == "region" and is_region_admin(request.user),
    }
    return render(request, "indicators/dashboard.html", context)


@login_required
@require_GET
def export(request, kind: str, fmt: str, key: str | None = None):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Format inconnu.")
    _form, board = _dashboard(request, kind, key, complete=True)
    if fmt == "csv":
        response = HttpResponse(dashboard_csv(board), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(dashboard_xlsx(board, _title(board)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{export_name(board, fmt)}"'
    return response


@login_required
def index(request):
    return render(request, "indicators/index.html", {"available": dashboards_of(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def synthesis(request):
    if not is_region_admin(request.user):
        raise PermissionDenied("la synthèse pour le CREFOP est réservée aux administrateur·rices de la Région")
    form = SynthesisForm(request.POST or request.GET or None)
    if request.method == "POST" and form.is_valid():
        f = IndicatorFilter(form.period())
        pdf = synthesis_pdf(f, form.comments())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="spro-synthese-crefop-{f.period.slug}.pdf"'
        return response
    if request.method == "GET":
        form = SynthesisForm(initial={"periode": request.GET.get("periode", "")})
    return render(request, "indicators/synthesis_form.html", {"form": form})


@login_required
@require_POST
def refresh(request):
    if not is_region_admin(request.user):
        raise PermissionDenied("seule la Région peut relancer le calcul des indicateurs")
    # In the task worker: a rebuild takes longer than a request may (tens of seconds at a million receptions).
    tasks.refresh_recent_months.enqueue()
    messages.success(
        request,
        "Recalcul du mois en cours et du mois précédent demandé : les tableaux de bord seront à jour "
        "dans quelques instants.",
    )
    return redirect("indicators:region")


@require_GET
def method(request):
    return render(
        request,
        "indicators/method.html",
        {
            "families": by_family(),
            "small": SMALL,
            "not_published": NOT_PUBLISHED,
            "threshold": THRESHOLD,
            "refresh_minutes": REFRESH_MINUTES,
            "max_months": MAX_PERIOD_MONTHS,
        },
    )


@require_GET
def open_data(request):
    return render(request, "indicators/open_data.html", {"fields": opendata.fields(), "last_run": latest_run()})


@require_GET
def open_data_csv(request):
    response = HttpResponse(opendata.open_data_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="spro-indicateurs.csv"'
    return response


@require_GET
def open_data_schema(request):
    package = opendata.datapackage(request.build_absolute_uri(reverse("indicators:open_data_csv")))
    return HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
