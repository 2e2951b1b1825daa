"""The training API: search (same order as the page), a training, jobs (ROME 4.0). Read-only, public."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.serializers import QueryInteger
from apps.core.bounds import MAX_OFFSET
from apps.directory.models import Status
from apps.geo.models import Commune

from .funding import Person, funding_for
from .models import Job, Training
from .selectors import (
    DEFAULT_RADIUS_KM,
    MAX_RADIUS_KM,
    TrainingCriteria,
    search_trainings,
    suggest_jobs,
    upcoming_sessions,
)
from .views import job_links


class TrainingSearchParams(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="Mots-clés.")
    rome = serializers.CharField(
        required=False, allow_blank=True, max_length=5, help_text="Code ROME 4.0 du métier visé."
    )
    commune = serializers.CharField(required=False, allow_blank=True, help_text="Code INSEE de la commune.")
    radius_km = QueryInteger(required=False, min_value=1, max_value=MAX_RADIUS_KM, default=DEFAULT_RADIUS_KM)
    status = serializers.CharField(required=False, allow_blank=True, help_text="Code de la situation de la personne.")
    age = QueryInteger(required=False, min_value=14, max_value=99, help_text="Âge de la personne.")
    handicap = serializers.BooleanField(required=False, default=False, help_text="Personne en situation de handicap.")
    funded = serializers.BooleanField(
        required=False, default=False, help_text="Seulement les formations financées pour cette situation."
    )
    limit = QueryInteger(required=False, min_value=1, max_value=100, default=20)
    offset = QueryInteger(required=False, min_value=0, max_value=MAX_OFFSET, default=0)

    def validate_commune(self, value):
        value = value.strip()
        if not value:
            return None
        commune = Commune.objects.filter(code=value).first()
        if commune is None:
            raise serializers.ValidationError(f"Aucune commune ne porte le code INSEE « {value} ».")
        return commune

    def validate_rome(self, value):
        value = value.strip().upper()
        if value and not Job.objects.filter(code=value).exists():
            raise serializers.ValidationError(f"Aucun métier ne porte le code ROME « {value} ».")
        return value

    def validate_status(self, value):
        value = value.strip()
        if value and not Status.objects.filter(code=value, is_active=True).exists():
            raise serializers.ValidationError(f"Aucune situation ne porte le code « {value} ».")
        return value


class FundingRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class TrainingResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    provider_name = serializers.CharField()
    commune_code = serializers.CharField(allow_null=True, help_text="Code INSEE du lieu de la prochaine session.")
    distance_km = serializers.FloatField(allow_null=True)
    next_session_start = serializers.DateField(allow_null=True)
    funding = serializers.ListField(child=serializers.CharField(), help_text="Codes des financements possibles.")
    teaching_mode = serializers.IntegerField(
        help_text="LHEO modalites-enseignement : 0 présentiel, 1 mixte, 2 à distance."
    )


class TrainingSearchResponse(serializers.Serializer):
    count = serializers.IntegerField()
    radius_km = serializers.IntegerField(
        allow_null=True, help_text="Rayon de la réponse (élargi si rien n'était plus près)."
    )
    widened_from = serializers.IntegerField(
        allow_null=True, help_text="Rayon demandé, quand la recherche a été élargie."
    )
    results = TrainingResultSerializer(many=True)


class SessionSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    commune_code = serializers.CharField()
    town = serializers.CharField()


class TrainingDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    provider_name = serializers.CharField()
    certifying = serializers.BooleanField()
    rncp_code = serializers.CharField()
    formacode = serializers.CharField()
    formacode_version = serializers.CharField()
    rome_codes = serializers.ListField(child=serializers.CharField())
    level = serializers.CharField()
    teaching_mode = serializers.IntegerField()
    hours = serializers.IntegerField(allow_null=True)
    sessions = SessionSerializer(many=True)
    funding = FundingRefSerializer(many=True, help_text="Financements possibles, sans situation donnée.")


class JobSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    version = serializers.CharField()
    sectors = serializers.ListField(child=serializers.CharField())


class JobDetailSerializer(JobSerializer):
    links = serializers.DictField(
        child=serializers.URLField(), help_text="Références nationales, construites depuis le code ROME."
    )


class TrainingSearchView(APIView):
    @extend_schema(
        summary="Recherche de formations (comme la page /formations/)",
        description=(
            "Ordre : la session à venir la plus proche de la commune d'abord, puis la plus tôt. Quand rien n'est "
            "trouvé dans le rayon, la recherche est élargie à 20, 50 puis 100 km (widened_from dit le rayon demandé). "
            "funding : les codes des dispositifs qui peuvent financer la formation pour la situation donnée."
        ),
        parameters=[TrainingSearchParams],
        responses={200: TrainingSearchResponse, 400: OpenApiResponse(description="Paramètre invalide.")},
    )
    def get(self, request):
        params = TrainingSearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        person = Person(status=data.get("status") or "", age=data.get("age"), handicap=data["handicap"])
        criteria = TrainingCriteria(
            q=data.get("q") or "", rome=data.get("rome") or "", commune=data.get("commune"),
            radius_km=data["radius_km"], person=person, funded_only=data["funded"],
        )  # fmt: skip
        page = search_trainings(criteria, offset=data["offset"], limit=data["limit"])
        results = [
            {
                "id": hit.training.pk,
                "title": hit.training.title,
                "provider_name": hit.training.provider.name,
                "commune_code": hit.session.commune_code if hit.session else None,
                "distance_km": hit.distance_km,
                "next_session_start": hit.session.start if hit.session else None,
                "funding": [s.code for s in hit.funding],
                "teaching_mode": hit.training.teaching_mode,
            }
            for hit in page.hits
        ]
        body = {"count": page.count, "radius_km": page.radius_km, "widened_from": page.widened_from, "results": results}
        return Response(TrainingSearchResponse(body).data)


class TrainingDetailView(APIView):
    @extend_schema(
        summary="Une formation (action LHEO) et ses sessions à venir", responses={200: TrainingDetailSerializer}
    )
    def get(self, request, pk):
        training = get_object_or_404(Training.objects.select_related("provider"), pk=pk)
        body = {
            "id": training.pk, "title": training.title, "provider_name": training.provider.name,
            "certifying": training.certifying, "rncp_code": training.rncp_code, "formacode": training.formacode,
            "formacode_version": training.formacode_version,
            "rome_codes": list(training.romes.values_list("code", flat=True)), "level": training.level,
            "teaching_mode": training.teaching_mode, "hours": training.hours,
            "sessions": [s for s, _ in upcoming_sessions(training)],
            "funding": funding_for(training, Person()),
        }  # fmt: skip
        return Response(TrainingDetailSerializer(body).data)


def _job(job: Job) -> dict:
    return {
        "code": job.code,
        "label": job.label,
        "version": job.version,
        "sectors": [s.label for s in job.sectors.all()],
    }


class JobListView(APIView):
    @extend_schema(
        summary="Métiers du ROME 4.0 (suggestions, sans accents ni majuscules)",
        parameters=[OpenApiParameter("q", str, description="Mots du libellé (2 caractères au moins).")],
        responses={200: JobSerializer(many=True)},
    )
    def get(self, request):
        found = suggest_jobs((request.query_params.get("q") or "")[:100], limit=20)
        by_code = Job.objects.prefetch_related("sectors").in_bulk([j.code for j in found])
        jobs = [by_code[j.code] for j in found]
        return Response(JobSerializer([_job(j) for j in jobs], many=True).data)


class JobDetailView(APIView):
    @extend_schema(summary="Un métier du ROME 4.0", responses={200: JobDetailSerializer})
    def get(self, request, code):
        job = get_object_or_404(Job.objects.prefetch_related("sectors"), code=code.upper()[:5])
        body = _job(job) | {"links": dict(job_links(job))}
        return Response(JobDetailSerializer(body).data)
