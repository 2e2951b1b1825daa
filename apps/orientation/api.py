"""Public API of the routing engine: which doors for a situation (the assistant "Quelle porte pour moi ?")."""

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core import region_pack
from apps.directory.models import Status, Theme
from apps.geo.models import Commune

from .routing import Orientation, Situation, orient

AGE_MIN, AGE_MAX = 0, 120
INSEE_CODE = re.compile(r"^\d[0-9AB]\d{3}$")


def _codes(model) -> list[str]:
    return list(model.objects.filter(is_active=True).values_list("code", flat=True))


class OrientationQuerySerializer(serializers.Serializer):
    """The situation, as query parameters. Every parameter is optional: a missing one accepts every rule."""

    age = serializers.IntegerField(
        required=False,
        min_value=AGE_MIN,
        max_value=AGE_MAX,
        help_text=f"Âge de la personne, en années ({AGE_MIN} à {AGE_MAX}).",
        error_messages={
            "invalid": "Le paramètre « age » doit être un nombre entier d'années, par exemple 19.",
            "min_value": f"Le paramètre « age » doit être supérieur ou égal à {AGE_MIN}.",
            "max_value": f"Le paramètre « age » doit être inférieur ou égal à {AGE_MAX}.",
            "max_string_length": "Le paramètre « age » est trop long.",
        },
    )
    status = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=60,
        help_text="Code de la situation de la personne (vocabulaire « statuts »), par exemple jeune-sans-solution.",
    )
    theme = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=60,
        help_text="Code du thème de la question (vocabulaire « thèmes »), par exemple reprendre-formation.",
    )
    handicap = serializers.BooleanField(
        required=False,
        default=False,
        help_text="true si la personne est en situation de handicap (RQTH ou démarche en cours). "
        "Sert seulement au calcul, jamais conservé.",
        error_messages={"invalid": "Le paramètre « handicap » doit valoir true ou false."},
    )
    commune = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5,
        help_text=region_pack.lazy_text(
            "Code INSEE de la commune où vit la personne (5 caractères, par exemple {example_insee} pour "
            "{example_commune}) : les lieux sont classés du plus proche au plus éloigné."
        ),
        error_messages={"max_length": "Le paramètre « commune » doit être un code INSEE de 5 caractères."},
    )

    def _vocabulary_code(self, value: str, model, name: str) -> str:
        value = value.strip()
        if value and not model.objects.filter(code=value, is_active=True).exists():
            raise serializers.ValidationError(
                f"Le paramètre « {name} » : code inconnu « {value} ». Codes acceptés : {', '.join(_codes(model))}."
            )
        return value

    def validate_status(self, value):
        return self._vocabulary_code(value, Status, "status")

    def validate_theme(self, value):
        return self._vocabulary_code(value, Theme, "theme")

    def validate_commune(self, value):
        value = value.strip().upper()
        if not value:
            return None
        if not INSEE_CODE.match(value):
            raise serializers.ValidationError(
                "Le paramètre « commune » doit être un code INSEE de 5 caractères, par exemple "
                f"{region_pack.current().text('example_insee')} ({region_pack.current().text('example_commune')})."
            )
        commune = Commune.objects.select_related("departement").filter(code=value).first()
        if commune is None:
            raise serializers.ValidationError(
                f"Le paramètre « commune » : aucune commune n'a le code INSEE « {value} »."
            )
        return commune

    def situation(self) -> Situation:
        data = self.validated_data
        return Situation(
            age=data.get("age"),
            status=data.get("status") or "",
            theme=data.get("theme") or "",
            handicap=data.get("handicap", False),
            commune=data.get("commune"),
        )


class DoorPlaceSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Nom du lieu d'accueil.")
    structure_name = serializers.CharField(help_text="Nom de la structure.")
    commune_code = serializers.CharField(help_text="Code INSEE de la commune du lieu.")
    commune_name = serializers.CharField()
    distance_km = serializers.FloatField(
        allow_null=True, help_text="Distance à vol d'oiseau depuis la commune (0 : même commune ; null sans commune)."
    )
    place_id = serializers.IntegerField()
    url = serializers.URLField(help_text="Page publique du lieu.")


class DoorSerializer(serializers.Serializer):
    network = serializers.CharField(help_text="Code du réseau recommandé, par exemple mission-locale.")
    network_label = serializers.CharField()
    cep_level = serializers.IntegerField(
        min_value=1, max_value=3, help_text="Niveau du conseil en évolution professionnelle : 1, 2 ou 3."
    )
    why = serializers.CharField(help_text="Pourquoi cette porte, en une phrase pour la personne.")
    places = DoorPlaceSerializer(
        many=True, help_text="Les lieux du réseau les plus proches, du plus proche au plus loin."
    )


class RemoteSerializer(serializers.Serializer):
    service_name = serializers.CharField()
    structure_name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)


class OrientationSerializer(serializers.Serializer):
    doors = DoorSerializer(many=True, help_text="Les portes, de la plus adaptée à la moins adaptée (une par réseau).")
    remote = RemoteSerializer(many=True, help_text="Les services à distance : ligne téléphonique régionale, sites web.")


def orientation_data(orientation: Orientation, request) -> dict:
    return {
        "doors": [
            {
                "network": door.network.code,
                "network_label": door.network.label,
                "cep_level": door.cep_level,
                "why": door.why,
                "places": [
                    {
                        "name": dp.place.name,
                        "structure_name": dp.place.structure.name,
                        "commune_code": dp.place.commune_id,
                        "commune_name": dp.place.commune.name,
                        "distance_km": dp.distance_km,
                        "place_id": dp.place.pk,
                        "url": request.build_absolute_uri(dp.place.get_absolute_url()),
                    }
                    for dp in door.places
                ],
            }
            for door in orientation.doors
        ],
        "remote": [
            {
                "service_name": service.name,
                "structure_name": service.structure.name,
                "phone": service.phone,
                "website": service.website,
            }
            for service in orientation.remote
        ],
    }


class OrientationView(APIView):
    """Which doors for a situation: the engine of "Quelle porte pour moi ?", open to partners' sites."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="orientation",
        summary="Quelle porte pour cette situation ?",
        description=(
            "Applique les règles d'aiguillage du SPRO à une situation (âge, situation, thème, handicap, commune) et "
            "renvoie les réseaux à contacter, du plus adapté au moins adapté, avec leurs lieux les plus proches, "
            "puis les services à distance. Aucune donnée n'est conservée. Codes inconnus : réponse 400."
        ),
        tags=["orientation"],
        parameters=[OrientationQuerySerializer],
        responses={
            200: OrientationSerializer,
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="Paramètre invalide : pour chaque paramètre en cause, la liste des messages (en français).",
                examples=[
                    OpenApiExample(
                        "Code inconnu",
                        value={"status": ["Le paramètre « status » : code inconnu « astronaute ». Codes acceptés : …"]},
                    )
                ],
            ),
        },
    )
    def get(self, request):
        query = OrientationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(orientation_data(orient(query.situation()), request))
