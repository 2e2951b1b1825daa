from django.contrib import admin

from .models import Question, Registration, Session, SupportAction, SupportAxis, Survey


class SupportActionInline(admin.TabularInline):
    model = SupportAction
    fields = ["number", "title", "action_type"]
    extra = 0


@admin.register(SupportAxis)
class SupportAxisAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "period"]
    list_filter = ["period"]
    inlines = [SupportActionInline]


@admin.register(SupportAction)
class SupportActionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "axis", "audience"]
    list_filter = ["axis__period", "audience"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "kind", "territory", "capacity", "status"]
    list_filter = ["kind", "status", "territory", "audience"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["place", "organiser_structure", "created_by"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "structure", "status", "attended", "travel_expenses_requested"]
    list_filter = ["status", "attended"]
    raw_id_fields = ["session", "user", "structure"]
    exclude = ["survey_token"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "code"]
    inlines = [QuestionInline]
