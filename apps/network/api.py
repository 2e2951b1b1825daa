"""Read API of the governance: conventions, grants and annual reports, with the permissions of the pages.

A caller lists and reads only what the pages would show them; anything else answers 404.
"""

from rest_framework import permissions, serializers, viewsets

from apps.core.bounds import year_in_range

from . import selectors
from .models import Amendment, AmendmentChange, AnnualReport, Convention, Grant, GrantPayment, Signatory


class SignatorySerializer(serializers.ModelSerializer):
    structure = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    structure_name = serializers.CharField(source="structure.name", read_only=True)
    added_by_amendment = serializers.IntegerField(source="added_by.number", read_only=True, allow_null=True)
    removed_by_amendment = serializers.IntegerField(source="removed_by.number", read_only=True, allow_null=True)

    class Meta:
        model = Signatory
        fields = [
            "structure",
            "structure_name",
            "role",
            "signed_on",
            "removed_on",
            "added_by_amendment",
            "removed_by_amendment",
        ]


class AmendmentChangeSerializer(serializers.ModelSerializer):
    structure = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AmendmentChange
        fields = ["action", "structure", "role"]


class AmendmentSerializer(serializers.ModelSerializer):
    changes = AmendmentChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Amendment
        fields = ["number", "subject", "status", "new_start_date", "new_end_date", "sent_on", "signed_on", "changes"]


class ConventionSerializer(serializers.ModelSerializer):
    territory = serializers.SlugRelatedField(slug_field="code", read_only=True)
    signatories = SignatorySerializer(many=True, read_only=True)
    amendments = AmendmentSerializer(many=True, read_only=True)
    grant = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Convention
        fields = [
            "id",
            "territory",
            "year",
            "start_date",
            "end_date",
            "status",
            "sent_on",
            "signed_on",
            "signatories",
            "amendments",
            "grant",
        ]


class GrantPaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = GrantPayment
        fields = ["kind", "part", "percent", "amount_cents", "due_on", "paid_on", "reference"]


class GrantSerializer(serializers.ModelSerializer):
    convention = serializers.PrimaryKeyRelatedField(read_only=True)
    territory = serializers.SlugRelatedField(source="convention.territory", slug_field="code", read_only=True)
    year = serializers.IntegerField(source="convention.year", read_only=True)
    beneficiary = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    payments = GrantPaymentSerializer(many=True, read_only=True)
    total_cents = serializers.IntegerField(read_only=True)
    paid_cents = serializers.SerializerMethodField()
    remaining_cents = serializers.SerializerMethodField()
    balance_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Grant
        fields = [
            "id",
            "convention",
            "territory",
            "year",
            "beneficiary",
            "lump_sum_cents",
            "envelope_cents",
            "total_cents",
            "voted_on",
            "balance_deadline",
            "balance_requested_on",
            "spent_envelope_cents",
            "paid_cents",
            "remaining_cents",
            "balance_overdue",
            "payments",
        ]

    def get_paid_cents(self, grant) -> int:
        return selectors.grant_summary(grant).paid_cents

    def get_remaining_cents(self, grant) -> int:
        return selectors.grant_summary(grant).remaining_cents

    def get_balance_overdue(self, grant) -> bool:
        return selectors.is_balance_overdue(grant)


class AnnualReportSerializer(serializers.ModelSerializer):
    territory = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "territory",
            "year",
            "status",
            "figures",
            "figures_computed_at",
            *AnnualReport.TEXT_FIELDS,
            "submitted_at",
        ]


class ConventionViewSet(viewsets.ReadOnlyModelViewSet):
    """Conventions the caller may read: all (Region), their territory (coordinator), their own (structure)."""

    serializer_class = ConventionSerializer
    queryset = Convention.objects.none()  # for the schema; get_queryset filters by the caller
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        queryset = selectors.visible_conventions(self.request.user).prefetch_related(
            "signatories__structure",
            "signatories__added_by",
            "signatories__removed_by",
            "amendments__changes__structure",
        )
        year = self.request.query_params.get("year", "")
        if year_in_range(year):
            queryset = queryset.filter(year=year_in_range(year))
        return queryset.select_related("grant").order_by("-year", "territory__name")


class GrantViewSet(viewsets.ReadOnlyModelViewSet):
    """Grants (amounts in integer cents) the caller may read, with their payments."""

    serializer_class = GrantSerializer
    queryset = Grant.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        queryset = selectors.visible_grants(self.request.user).prefetch_related("payments")
        return queryset.order_by("-convention__year", "convention__territory__name")


class AnnualReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Annual activity reports: the Region reads them all, a coordinator those of their territory."""

    serializer_class = AnnualReportSerializer
    queryset = AnnualReport.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.visible_reports(self.request.user).order_by("-year", "territory__name")
