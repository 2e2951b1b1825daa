"""Open data of the panoramas: a territory's figures and the coverage per commune, as JSON and CSV.

Counts of people are masked from 1 to 4 ("< 5"; a share or a delay on fewer than 5 people: "n.d."), as on the page.
"""

import io

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.pagination import StrictLimitOffsetPagination
from apps.core.spreadsheet import csv_writer
from apps.geo.models import Territory

from . import selectors
from .display import PanoramaView
from .models import CoverageRun
from .networks import KEY_NETWORKS

MONTH_PARAM = OpenApiParameter(
    "mois",
    OpenApiTypes.STR,
    description="Mois du panorama (AAAA-MM) ; par défaut le dernier calculé.",
    pattern=r"^\d{4}-\d{2}$",
)
TERRITORY_PARAM = OpenApiParameter(
    "territoire",
    OpenApiTypes.STR,
    description="Code d'un territoire SPRO (par exemple « dreux ») ; par défaut toutes les communes.",
)
LICENCE = "Licence Ouverte 2.0"


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Identifiant du chiffre.")
    label = serializers.CharField()
    value = serializers.JSONField(help_text="Nombre, « < 5 » ou « n.d. » (petits effectifs), ou null.")
    kind = serializers.CharField(help_text="count, per_thousand, days, decimal ou hours.")
    source = serializers.CharField()
    date = serializers.CharField()
    method = serializers.CharField(help_text="Adresse de la méthode de calcul.")


class CoverageNetworkSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    population_20 = serializers.IntegerField(help_text="Habitants à plus de 20 km du lieu le plus proche.")
    share_20 = serializers.FloatField(allow_null=True)
    population_30 = serializers.IntegerField(help_text="Habitants à plus de 30 km du lieu le plus proche.")
    share_30 = serializers.FloatField(allow_null=True)
    max_km = serializers.FloatField(allow_null=True)


class PanoramaSerializer(serializers.Serializer):
    territory = serializers.CharField()
    name = serializers.CharField()
    month = serializers.CharField(help_text="AAAA-MM")
    computed_on = serializers.CharField()
    activity_period = serializers.CharField()
    licence = serializers.CharField()
    figures = FigureSerializer(many=True)
    coverage = CoverageNetworkSerializer(many=True)


class CommuneCoverageSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Code INSEE.")
    name = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    distances_km = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Distance (km) au lieu le plus proche de chaque réseau clé : "
        + ", ".join(n.key for n in KEY_NETWORKS),
    )


def _month(request):
    text = request.query_params.get("mois", "")
    month = selectors.parse_month(text)
    if text and month is None:
        raise ValidationError({"mois": [f"« {text[:20]} » : un mois au format AAAA-MM est attendu."]})
    return month


def _panorama(request, code):
    territory = Territory.objects.filter(code=code).first()
    if territory is None:
        raise NotFound("Territoire introuvable.")
    found = selectors.panorama(territory, _month(request))
    if found is None:
        raise NotFound("Aucun panorama gardé pour ce territoire et ce mois.")
    return PanoramaView(territory, found.month, found.figures)


def _panorama_data(request, view: PanoramaView) -> dict:
    method = request.build_absolute_uri("/territoires/methode/")
    return {
        "territory": view.territory.code,
        "name": view.name,
        "month": f"{view.month:%Y-%m}",
        "computed_on": view.computed_on,
        "activity_period": view.period_label,
        "licence": LICENCE,
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "value": f.export(),
                "kind": f.kind,
                "source": f.source,
                "date": f.date,
                "method": f"{method}#{f.method}",
            }
            for f in view.all_figures()
        ],
        "coverage": [
            {k: row[k] for k in ("key", "label", "population_20", "share_20", "population_30", "share_30", "max_km")}
            for row in view.coverage_rows()
        ],
    }


class PanoramaApiView(APIView):
    @extend_schema(
        summary="Panorama d'un territoire SPRO (JSON)",
        parameters=[MONTH_PARAM],
        responses=PanoramaSerializer,
    )
    def get(self, request, code):
        return Response(_panorama_data(request, _panorama(request, code)))


class PanoramaCsvView(APIView):
    @extend_schema(
        summary="Panorama d'un territoire SPRO (CSV)",
        parameters=[MONTH_PARAM],
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request, code):
        view = _panorama(request, code)
        data = _panorama_data(request, view)
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(["territoire", "mois", "chiffre", "libelle", "valeur", "source", "date", "methode"])
        for figure in data["figures"]:
            value = "" if figure["value"] is None else figure["value"]
            writer.writerow(
                [
                    data["territory"],
                    data["month"],
                    figure["key"],
                    figure["label"],
                    value,
                    figure["source"],
                    figure["date"],
                    figure["method"],
                ]
            )
        for row in data["coverage"]:
            for threshold in (20, 30):
                writer.writerow(
                    [
                        data["territory"],
                        data["month"],
                        f"population_plus_{threshold}_km_{row['key']}",
                        f"Habitants à plus de {threshold} km d'un lieu {row['label']}",
                        row[f"population_{threshold}"],
                        "Calcul de la plateforme : annuaire du SPRO et communes (INSEE, IGN, DILA)",
                        data["computed_on"],
                        f"{request.build_absolute_uri('/territoires/methode/')}#couverture",
                    ]
                )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="panorama-{data["territory"]}-{data["month"]}.csv"'
        return response


def _coverage_rows(request):
    month = _month(request)
    if month is None:
        month = CoverageRun.objects.order_by("-month").values_list("month", flat=True).first()
    if month is None or not CoverageRun.objects.filter(month=month).exists():
        raise NotFound("Aucune couverture calculée pour ce mois.")
    territory = None
    code = request.query_params.get("territoire")
    if code:
        territory = Territory.objects.filter(code=code).first()
        if territory is None:
            raise ValidationError({"territoire": [f"« {code[:60]} » n'est pas un territoire SPRO."]})
    return month, selectors.commune_coverage(month, territory)


def _commune(row) -> dict:
    code, name, population, _lat, _lon, distances = row
    return {
        "code": code,
        "name": name,
        "population": population,
        "distances_km": {
            n.key: (None if distances.get(n.key) is None else round(distances[n.key], 2)) for n in KEY_NETWORKS
        },
    }


class CommuneCoverageView(generics.ListAPIView):
    pagination_class = StrictLimitOffsetPagination
    serializer_class = CommuneCoverageSerializer

    @extend_schema(
        summary="Couverture : distance de chaque commune au lieu le plus proche de chaque réseau clé (JSON)",
        parameters=[MONTH_PARAM, TERRITORY_PARAM],
    )
    def get(self, request, *args, **kwargs):
        _month_value, rows = _coverage_rows(request)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response([_commune(row) for row in page])


class CommuneCoverageCsvView(APIView):
    @extend_schema(
        summary="Couverture par commune (CSV)",
        parameters=[MONTH_PARAM, TERRITORY_PARAM],
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request):
        month, rows = _coverage_rows(request)
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(["mois", "code_insee", "commune", "population"] + [f"km_{n.key}" for n in KEY_NETWORKS])
        for row in rows.iterator(chunk_size=5000):
            item = _commune(row)
            distances = [("" if km is None else km) for km in item["distances_km"].values()]
            writer.writerow([f"{month:%Y-%m}", item["code"], item["name"], item["population"] or ""] + distances)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="couverture-communes-{month:%Y-%m}.csv"'
        return response
