from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionPlan,
    Amendment,
    AnnualReport,
    Candidate,
    Committee,
    Convention,
    Coordinator,
    Grant,
    GrantPayment,
    Meeting,
    Need,
    RegionContact,
    Signatory,
)


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    raw_id_fields = ["structure", "added_by", "removed_by"]


@admin.register(Convention)
class ConventionAdmin(SimpleHistoryAdmin):
    list_display = ["territory", "year", "status", "signed_on"]
    list_filter = ["year", "status"]
    inlines = [SignatoryInline]


class GrantPaymentInline(admin.TabularInline):
    model = GrantPayment
    extra = 0


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ["convention", "beneficiary", "lump_sum_cents", "envelope_cents", "balance_deadline"]
    inlines = [GrantPaymentInline]
    raw_id_fields = ["beneficiary"]


@admin.register(Coordinator)
class CoordinatorAdmin(SimpleHistoryAdmin):
    list_display = ["user", "territory", "role", "area", "school_year", "designated_on"]
    list_filter = ["school_year", "role", "territory"]
    raw_id_fields = ["user", "structure", "designation_meeting"]


admin.site.register([Amendment, AnnualReport, Candidate, Need], SimpleHistoryAdmin)
admin.site.register([ActionPlan, Committee, Meeting, RegionContact])
