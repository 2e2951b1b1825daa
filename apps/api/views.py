"""Views of the public API v1. Reads are public; writes need an account and the right on the structure."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, permissions, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.perms import is_region_admin
from apps.directory import exchange
from apps.directory.models import InfoType, Network, Place, Service, Status, Structure, Theme
from apps.geo.models import Commune
from apps.geo.selectors import suggest_communes
from apps.training import exchange as training_exchange

from . import serializers as s
from .search import cached_search_response

EDIT_DENIED = "Vous ne pouvez modifier que l'offre de votre structure."


def _param(name: str, description: str, **kwargs) -> OpenApiParameter:
    return OpenApiParameter(name, str, OpenApiParameter.QUERY, required=False, description=description, **kwargs)


class CanEditOffer(permissions.BasePermission):
    """Writes: region admins, or members of the structure that owns the place or service."""

    message = EDIT_DENIED

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or request.user.has_perm(
            "directory.edit_offer", obj.structure
        )


class IsRegionAdmin(permissions.BasePermission):
    message = "Réservé à l'administration régionale."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and is_region_admin(request.user))


@extend_schema_view(
    list=extend_schema(
        summary="Structures",
        parameters=[_param("network", "Code du réseau."), _param("territory", "Code du territoire SPRO.")],
    ),
    retrieve=extend_schema(summary="Une structure"),
)
class StructureViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.StructureSerializer
    lookup_field = "slug"

    def get_queryset(self):
        qs = Structure.objects.public().select_related("network", "territory").order_by("name", "pk")
        params = self.request.query_params
        if params.get("network"):
            qs = qs.filter(network__code=params["network"])
        if params.get("territory"):
            qs = qs.filter(territory__code=params["territory"])
        return qs


class _OfferViewSet(viewsets.ModelViewSet):
    """Places and services: public reads of active objects; writes checked against the owning structure."""

    # Reads are public; the plain IsAuthenticatedOrReadOnly first also tells the OpenAPI document so.
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanEditOffer]
    lookup_value_regex = r"\d+"

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        qs = self.base_queryset()
        if self.request.method in permissions.SAFE_METHODS:
            qs = qs.public()
        return self.filter_queryset_params(qs)

    def filter_queryset_params(self, qs):
        return qs

    def perform_create(self, serializer):
        if not self.request.user.has_perm("directory.edit_offer", serializer.validated_data["structure"]):
            raise PermissionDenied(EDIT_DENIED)
        serializer.save()


@extend_schema_view(
    list=extend_schema(
        summary="Lieux d'accueil",
        parameters=[
            _param("commune", "Code INSEE de la commune."),
            _param("structure", "Identifiant de la structure."),
        ],
    ),
    retrieve=extend_schema(summary="Un lieu d'accueil"),
    create=extend_schema(summary="Ajouter un lieu (membre de la structure ou administration régionale)"),
    update=extend_schema(summary="Remplacer un lieu"),
    partial_update=extend_schema(summary="Modifier un lieu"),
    destroy=extend_schema(summary="Supprimer un lieu"),
)
class PlaceViewSet(_OfferViewSet):
    serializer_class = s.PlaceSerializer

    def base_queryset(self):
        return Place.objects.select_related("structure", "commune").order_by("name", "pk")

    def filter_queryset_params(self, qs):
        params = self.request.query_params
        if params.get("commune"):
            qs = qs.filter(commune_id=params["commune"])
        if params.get("structure"):
            qs = qs.filter(structure__slug=params["structure"])
        return qs


@extend_schema_view(
    list=extend_schema(
        summary="Services",
        parameters=[
            _param("structure", "Identifiant de la structure."),
            _param("status", "Code d'un statut : services explicitement associés à ce statut."),
            _param("theme", "Code d'un thème : services explicitement associés à ce thème."),
        ],
    ),
    retrieve=extend_schema(summary="Un service"),
    create=extend_schema(summary="Ajouter un service (il est marqué comme vérifié aujourd'hui)"),
    update=extend_schema(summary="Remplacer un service (marqué comme vérifié aujourd'hui)"),
    partial_update=extend_schema(summary="Modifier un service (marqué comme vérifié aujourd'hui)"),
    destroy=extend_schema(summary="Supprimer un service"),
)
class ServiceViewSet(_OfferViewSet):
    serializer_class = s.ServiceSerializer

    def base_queryset(self):
        return (
            Service.objects.select_related("structure")
            .prefetch_related("statuses", "themes", "info_types", "places")
            .order_by("name", "pk")
        )

    def filter_queryset_params(self, qs):
        params = self.request.query_params
        if params.get("structure"):
            qs = qs.filter(structure__slug=params["structure"])
        if params.get("status"):
            qs = qs.filter(statuses__code=params["status"])
        if params.get("theme"):
            qs = qs.filter(themes__code=params["theme"])
        return qs


class ServiceSearchView(APIView):
    @extend_schema(
        summary="Recherche par service (comme la page publique de recherche)",
        description=(
            "Ordre des résultats : avec une situation (status) et un thème (theme), d'abord les réseaux que "
            "les règles d'aiguillage conseillent, dans leur ordre ; puis les services qui visent la situation, "
            "le thème et le type d'aide demandés avant ceux qui acceptent tout le monde, le conseil "
            "personnalisé (cep_level ≥ 2) avant l'information ; à pertinence égale, du plus proche au plus "
            "éloigné (distance_km)."
        ),
        parameters=[s.SearchParamsSerializer],
        responses={200: s.SearchResponseSerializer, 400: OpenApiResponse(description="Paramètre invalide.")},
    )
    def get(self, request):
        def validate():
            params = s.SearchParamsSerializer(data=request.query_params)
            params.is_valid(raise_exception=True)
            return params.validated_data

        return cached_search_response(request, validate)


@extend_schema_view(
    list=extend_schema(
        summary="Suggestions de communes (nom ou code postal)",
        parameters=[_param("q", "Début du nom ou du code postal (2 caractères au moins).")],
    ),
    retrieve=extend_schema(summary="Une commune, par code INSEE"),
)
class CommuneViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CommuneSerializer
    queryset = Commune.objects.all()
    lookup_field = "code"
    lookup_value_regex = r"[0-9][0-9AB][0-9]{3}"
    pagination_class = None

    def list(self, request, *args, **kwargs):
        communes = suggest_communes(request.query_params.get("q", ""))
        return Response(self.get_serializer(communes, many=True).data)


def _vocabulary_view(model, serializer, label: str):
    @extend_schema(summary=label)
    class VocabularyView(generics.ListAPIView):
        serializer_class = serializer
        pagination_class = None
        queryset = model.objects.filter(is_active=True)

    VocabularyView.__name__ = f"{model.__name__}ListView"
    return VocabularyView


StatusListView = _vocabulary_view(Status, s.VocabularySerializer, "Statuts de l'usager")
ThemeListView = _vocabulary_view(Theme, s.VocabularySerializer, "Thèmes")
InfoTypeListView = _vocabulary_view(InfoType, s.VocabularySerializer, "Types d'information")
NetworkListView = _vocabulary_view(Network, s.NetworkSerializer, "Réseaux")


class DataInclusionExportView(APIView):
    """The directory in the data·inclusion v1 format, as JSON or CSV (lists joined with "|")."""

    kind = "structure"
    file_format = "json"

    def get(self, request):
        base_url = request.build_absolute_uri("/")
        export = exchange.export_structures if self.kind == "structure" else exchange.export_services
        records = export(base_url)
        if request.query_params.get("formations", "").lower() in ("1", "true", "oui"):
            records += training_exchange.export(self.kind, base_url)
        if self.file_format == "json":
            return Response(records)
        response = HttpResponse(exchange.to_csv(self.kind, records), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.kind}s.csv"'
        return response


RECORDS_SCHEMA = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
RECORDS_DOC = "Enregistrements data·inclusion v1 (schémas structure.json et service.json, licence Ouverte 2.0)."


def export_view(kind: str, file_format: str):
    """One documented view per file: structures/services × JSON/CSV."""
    response = (
        {(200, "application/json"): OpenApiResponse(response=RECORDS_SCHEMA, description=RECORDS_DOC)}
        if file_format == "json"
        else {(200, "text/csv"): OpenApiTypes.STR}
    )
    schema = extend_schema(
        summary=f"Export data·inclusion v1 : {kind}s ({file_format.upper()})",
        operation_id=f"exports_data_inclusion_{kind}s_{file_format}",
        parameters=[
            OpenApiParameter(
                "formations",
                bool,
                description=(
                    "Ajouter l'offre de formation importée (flux LHEO du Carif-Oref) : chaque formation devient un "
                    "service de type « formation » par commune où elle a des sessions à venir, chaque organisme "
                    "de formation une structure."
                ),
            )
        ],
        responses=response,
    )

    def get(self, request):
        return DataInclusionExportView.get(self, request)

    view = type(f"{kind.title()}Export{file_format.title()}View", (DataInclusionExportView,), {"get": schema(get)})
    return view.as_view(kind=kind, file_format=file_format)


class DataInclusionImportView(APIView):
    permission_classes = [IsRegionAdmin]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Import data·inclusion v1 (administration régionale) : tout ou rien",
        request=s.ImportUploadSerializer,
        responses={200: s.ImportCountsSerializer, 400: s.ImportErrorsSerializer},
    )
    def post(self, request):
        files = {name: request.FILES.get(name) for name in ("structures", "services")}
        uploads = {name: (f.name, f.read()) if f else None for name, f in files.items()}
        try:
            counts = exchange.import_files(uploads["structures"], uploads["services"])
        except exchange.ExchangeError as error:
            return Response({"errors": error.errors}, status=400)
        return Response(counts)
