"""Serializers of the public API v1: the directory, the vocabularies, the search and its parameters."""

from django.db import transaction
from rest_framework import serializers

from apps.core.bounds import MAX_OFFSET
from apps.directory.models import InfoType, Place, Service, Status, Structure, Theme
from apps.directory.selectors import DEFAULT_RADIUS_KM, MAX_RADIUS_KM
from apps.directory.services import save_service
from apps.geo.models import Commune


class VocabularySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    position = serializers.IntegerField()


class NetworkSerializer(VocabularySerializer):
    publics = serializers.CharField()
    cep_operator = serializers.BooleanField()


class CommuneSerializer(serializers.ModelSerializer):
    postal_codes = serializers.SerializerMethodField()
    departement = serializers.CharField(source="departement_id")

    class Meta:
        model = Commune
        fields = ["code", "name", "label", "postal_codes", "departement", "population", "latitude", "longitude"]

    def get_postal_codes(self, commune) -> list[str]:
        return commune.postal_codes.split() if commune.postal_codes else []


class StructureSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    territory = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Structure
        fields = [
            "slug",
            "name",
            "network",
            "territory",
            "siret",
            "description",
            "website",
            "email",
            "phone",
            "url",
            "updated_at",
        ]

    def get_url(self, obj) -> str:
        return _absolute(self.context, obj.get_absolute_url())


class _StructureField(serializers.SlugRelatedField):
    """The owning structure, by slug: set on creation, never moved afterwards."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Structure.objects.all(), **kwargs)


def _keep_structure(serializer, value):
    if serializer.instance is not None and value != serializer.instance.structure:
        raise serializers.ValidationError("On ne peut pas déplacer vers une autre structure ; créez-en un nouveau.")
    return value


class PlaceSerializer(serializers.ModelSerializer):
    structure = _StructureField()
    commune = serializers.SlugRelatedField(slug_field="code", queryset=Commune.objects.all())
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id",
            "structure",
            "name",
            "address",
            "address_complement",
            "postal_code",
            "commune",
            "latitude",
            "longitude",
            "phone",
            "email",
            "opening_hours",
            "step_free",
            "is_active",
            "url",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def get_url(self, obj) -> str:
        return _absolute(self.context, obj.get_absolute_url())

    def validate_structure(self, value):
        return _keep_structure(self, value)

    def validate(self, attrs):
        commune = attrs.get("commune") or getattr(self.instance, "commune", None)
        postal_code = attrs.get("postal_code")
        if commune and postal_code and postal_code not in commune.postal_codes.split():
            raise serializers.ValidationError(
                {"postal_code": [f"{postal_code} n'est pas un code postal de {commune.name}."]}
            )
        if "commune" in attrs and ("latitude" not in attrs or "longitude" not in attrs):
            attrs.setdefault("latitude", commune.latitude)
            attrs.setdefault("longitude", commune.longitude)
        if self.instance is None and attrs.get("latitude") is None:
            raise serializers.ValidationError({"latitude": ["Cette commune n'a pas de coordonnées : indiquez-les."]})
        return attrs


class ServiceSerializer(serializers.ModelSerializer):
    structure = _StructureField()
    statuses = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Status.objects.filter(is_active=True)
    )
    themes = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Theme.objects.filter(is_active=True)
    )
    info_types = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=InfoType.objects.filter(is_active=True)
    )
    places = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Place.objects.all())
    access_modes = serializers.ListField(
        child=serializers.ChoiceField(choices=list(Service.ACCESS_MODES.items())), required=False
    )
    remote_modes = serializers.ListField(
        child=serializers.ChoiceField(choices=list(Service.REMOTE_MODES.items())), required=False
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "id",
            "structure",
            "name",
            "description",
            "type",
            "statuses",
            "themes",
            "info_types",
            "cep_level",
            "places",
            "access_modes",
            "remote_modes",
            "reach",
            "reach_code",
            "conditions",
            "fee",
            "fee_details",
            "phone",
            "email",
            "website",
            "is_active",
            "last_verified_at",
            "url",
            "updated_at",
        ]
        read_only_fields = ["last_verified_at", "updated_at"]

    def get_url(self, obj) -> str:
        return _absolute(self.context, obj.get_absolute_url())

    def validate_structure(self, value):
        return _keep_structure(self, value)

    def validate(self, attrs):
        structure = attrs.get("structure") or self.instance.structure
        places = attrs.get("places")
        if places is not None and any(p.structure_id != structure.pk for p in places):
            raise serializers.ValidationError({"places": ["Ces lieux doivent appartenir à la structure du service."]})
        if places is None and self.instance is not None:
            places = list(self.instance.places.all())
        remote = attrs.get("remote_modes", getattr(self.instance, "remote_modes", []))
        if not places and not remote:
            raise serializers.ValidationError(
                {"places": ["Indiquez au moins un lieu, ou des modes à distance (remote_modes)."]}
            )
        reach = attrs.get("reach", getattr(self.instance, "reach", Service.Reach.DEPARTEMENT))
        if not attrs.get("reach_code") and reach in (Service.Reach.REGION, Service.Reach.DEPARTEMENT) and places:
            departement = places[0].commune.departement
            attrs["reach_code"] = departement.region_id if reach == Service.Reach.REGION else departement.code
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        return self._save(Service(), validated_data)

    @transaction.atomic
    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, service: Service, data: dict) -> Service:
        """Through apps.directory.services.save_service: an edit counts as a verification today."""
        links = {name: data.pop(name) for name in ["statuses", "themes", "info_types"] if name in data}
        places = data.pop("places", None)
        for name, value in data.items():
            setattr(service, name, value)
        save_service(service, [p.pk for p in places] if places is not None else None)
        for name, values in links.items():
            getattr(service, name).set(values)
        return service


# Search


class QueryInteger(serializers.IntegerField):
    """An integer query parameter: "?limit=" is an error, as the schema says, not the default
    (DRF reads an empty form value as absent)."""

    def get_value(self, dictionary):
        if dictionary.get(self.field_name) == "":
            return ""  # validated as the integer it is not
        return super().get_value(dictionary)


class SearchParamsSerializer(serializers.Serializer):
    """Query parameters of /services/search (same criteria as the public search page)."""

    commune = serializers.CharField(required=False, allow_blank=True, help_text="Code INSEE de la commune.")
    status = serializers.CharField(required=False, allow_blank=True, help_text="Code d'un statut de l'usager.")
    theme = serializers.CharField(required=False, allow_blank=True, help_text="Code d'un thème.")
    info_type = serializers.CharField(required=False, allow_blank=True, help_text="Code d'un type d'information.")
    radius_km = QueryInteger(required=False, min_value=1, max_value=MAX_RADIUS_KM, default=DEFAULT_RADIUS_KM)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="Mots-clés.")
    limit = QueryInteger(required=False, min_value=1, max_value=100, default=20)
    offset = QueryInteger(required=False, min_value=0, max_value=MAX_OFFSET, default=0)

    def validate_commune(self, value):
        value = value.strip()
        if not value:
            return None
        commune = Commune.objects.select_related("departement").filter(code=value).first()
        if commune is None:
            raise serializers.ValidationError(f"Aucune commune ne porte le code INSEE « {value} ».")
        return commune

    def validate_status(self, value):
        return _vocabulary_code(Status, value, "Aucun statut ne porte le code « {} ».")

    def validate_theme(self, value):
        return _vocabulary_code(Theme, value, "Aucun thème ne porte le code « {} ».")

    def validate_info_type(self, value):
        return _vocabulary_code(InfoType, value, "Aucun type d'information ne porte le code « {} ».")


def _vocabulary_code(model, value: str, message: str) -> str:
    value = value.strip()
    if value and not model.objects.filter(code=value, is_active=True).exists():
        raise serializers.ValidationError(message.format(value))
    return value


class SearchCommuneSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    label = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class SearchResultSerializer(serializers.Serializer):
    """One service at one place (or, in `remote`, a service with no place: place fields are null)."""

    service_id = serializers.IntegerField()
    service_name = serializers.CharField()
    structure_name = serializers.CharField()
    structure_slug = serializers.CharField()
    network = serializers.CharField(allow_null=True)
    place_id = serializers.IntegerField(allow_null=True)
    place_name = serializers.CharField(allow_null=True)
    address = serializers.CharField(allow_null=True)
    postal_code = serializers.CharField(allow_null=True)
    commune_code = serializers.CharField(allow_null=True)
    commune_name = serializers.CharField(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    distance_km = serializers.FloatField(allow_null=True)
    access_modes = serializers.ListField(child=serializers.CharField())
    cep_level = serializers.IntegerField()
    url = serializers.URLField()


class RemoteResultSerializer(SearchResultSerializer):
    phone = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)
    remote = RemoteResultSerializer(many=True)
    commune = SearchCommuneSerializer(allow_null=True)
    radius_km = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


# Exchange


class ImportUploadSerializer(serializers.Serializer):
    structures = serializers.FileField(required=False, help_text="structures.json ou structures.csv")
    services = serializers.FileField(required=False, help_text="services.json ou services.csv")


class ImportCountsSerializer(serializers.Serializer):
    structures_created = serializers.IntegerField()
    structures_updated = serializers.IntegerField()
    places_created = serializers.IntegerField()
    services_created = serializers.IntegerField()
    services_updated = serializers.IntegerField()


class ImportErrorsSerializer(serializers.Serializer):
    errors = serializers.ListField(child=serializers.CharField())


def _absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path
