"""Read API of the fiches navettes for the members of the two structures concerned (never anyone else)."""

from django.utils.cache import add_never_cache_headers
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import personal_data
from .models import Referral, ReferralContact, ReferralEvent
from .selectors import visible_referrals


class ReferralEventSerializer(serializers.ModelSerializer):
    actor_structure = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = ReferralEvent
        fields = ["id", "from_state", "to_state", "at", "actor_structure", "has_note"]

    has_note = serializers.SerializerMethodField()

    def get_has_note(self, event) -> bool:
        return bool(event.note)


class ReferralSerializer(serializers.ModelSerializer):
    sender_structure = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    receiver_structure = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    theme = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="Le thème principal (celui des indicateurs)."
    )
    themes = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Tous les thèmes de la demande."
    )
    commune = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    has_contact = serializers.SerializerMethodField()
    has_need = serializers.SerializerMethodField()
    events = ReferralEventSerializer(many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "origin",
            "state",
            "sender_structure",
            "receiver_structure",
            "service",
            "age_band",
            "status",
            "theme",
            "themes",
            "commune",
            "has_need",
            "deadline",
            "decline_reason",
            "outcome",
            "appointment_at",
            "sent_at",
            "closed_at",
            "redirected_from",
            "has_contact",
            "personal_data_erased_at",
            "events",
        ]

    def get_has_contact(self, referral) -> bool:
        return hasattr(referral, "contact")

    def get_has_need(self, referral) -> bool:
        return bool(referral.need)


class ReferralContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReferralContact
        fields = ["first_name", "phone", "email", "preferred_channel", "consent_at"]


class NoteSerializer(serializers.Serializer):
    event = serializers.IntegerField(help_text="Identifiant de l'étape (events[].id).")
    note = serializers.CharField()


class FreeTextSerializer(serializers.Serializer):
    need = serializers.CharField(allow_blank=True)
    notes = NoteSerializer(many=True)


class ReferralViewSet(viewsets.ReadOnlyModelViewSet):
    """Fiches navettes sent or received by the caller's structures; others answer 404."""

    serializer_class = ReferralSerializer
    permission_classes = [permissions.IsAuthenticated]

    def finalize_response(self, request, response, *args, **kwargs):
        """Fiches carry a person's data: no browser or proxy cache keeps them (review L4)."""
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_queryset(self):
        return (
            visible_referrals(self.request.user)
            .select_related("sender_structure", "receiver_structure", "status", "theme", "contact")
            .prefetch_related("events__actor_structure", "themes")
            .order_by("-sent_at")
        )

    @extend_schema(responses=ReferralContactSerializer, summary="Coordonnées de la personne (consultation tracée)")
    @action(detail=True, methods=["get"])
    def contact(self, request, pk=None):
        referral = self.get_object()
        contact = personal_data.read_contact(referral, request.user, channel="api")
        if contact is None:
            return Response({"detail": "Aucune coordonnée pour cette fiche navette."}, status=404)
        return Response(ReferralContactSerializer(contact).data)

    @extend_schema(
        responses=FreeTextSerializer, summary="Besoin exprimé et précisions des étapes (consultation tracée)"
    )
    @action(detail=True, methods=["get"], url_path="free-text")
    def free_text(self, request, pk=None):
        referral = self.get_object()
        revealed = personal_data.read_free_text(referral, request.user, channel="api")
        notes = [{"event": event_id, "note": note} for event_id, note in revealed.notes.items()]
        return Response(FreeTextSerializer({"need": revealed.need, "notes": notes}).data)
