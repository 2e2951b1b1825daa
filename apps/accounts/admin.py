from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction

from . import invitations
from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["structure"]
    extra = 0


class InvitedUserCreationForm(forms.ModelForm):
    """A new account has no password: the person chooses it from the invitation e-mailed on creation."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.email = user.email.lower()
        user.set_unusable_password()
        if commit:
            user.save()
        return user


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    list_filter = ["role", "is_active"]
    inlines = [MembershipInline]
    actions = ["send_invitation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name"]}),
        ("Droits", {"fields": ["role", "is_active", "is_staff", "is_superuser"]}),
        ("Conservation", {"fields": ["deactivated_at", "anonymised_at"]}),
    ]
    readonly_fields = ["deactivated_at", "anonymised_at"]
    add_form = InvitedUserCreationForm
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "first_name", "last_name", "role"]})]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            transaction.on_commit(lambda: invitations.invite(obj, "créé par la Région"))
            messages.info(request, f"Une invitation à choisir son mot de passe est envoyée à {obj.email}.")

    @admin.action(description="Envoyer une invitation (lien pour choisir le mot de passe)")
    def send_invitation(self, request, queryset):
        users = list(queryset.filter(is_active=True))
        for user in users:
            invitations.invite(user, "invitation de la Région")
        messages.success(request, f"{len(users)} invitation(s) envoyée(s).")
