"""The Region's screens on professional accounts: list, create and invite, deactivate or reactivate, detach."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from . import invitations, services
from .decorators import region_admin_required
from .forms import AccountCreateForm
from .models import Membership, User

STATES = {"actifs": Q(is_active=True), "desactives": Q(is_active=False), "tous": Q()}


@region_admin_required
def account_list(request):
    query = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("etat", "actifs")
    state = state if state in STATES else "actifs"
    users = User.objects.filter(STATES[state]).annotate(structure_count=Count("memberships"))
    if query:
        users = users.filter(Q(email__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query))
    page = Paginator(users.order_by("email"), 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": query, "etat": state, "retention_days": settings.SPRO_ACCOUNT_RETENTION_DAYS}
    return render(request, "accounts/region_accounts.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def account_create(request):
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = services.create_account(**form.cleaned_data)
        messages.success(request, f"Le compte {account.email} est créé ; une invitation lui est envoyée par e-mail.")
        return redirect("accounts:region_account", account.pk)
    back = reverse("accounts:region_accounts")
    context = {
        "form": form,
        "title": "Créer un compte",
        "intro": "La personne reçoit un lien pour choisir son mot de passe, valable "
        f"{settings.SPRO_INVITATION_DAYS} jours. Sa structure ou son rôle régional décide de ce qu'elle voit.",
        "back_url": back,
        "crumbs": [("Mon espace", reverse("workspace:dashboard")), ("Comptes", back)],
        "submit_label": "Créer le compte et envoyer l'invitation",
    }
    return render(request, "network/form.html", context)


@region_admin_required
@require_POST
def account_invite(request, pk):
    account = get_object_or_404(User, pk=pk)
    try:
        services.resend_invitation(account)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Une nouvelle invitation est envoyée à {account.email}.")
    return redirect("accounts:region_account", pk)


@region_admin_required
def account_detail(request, pk):
    account = get_object_or_404(User, pk=pk)
    context = {
        "needs_invitation": account.is_active and invitations.needs_invitation(account),
        "account": account,
        "memberships": account.memberships.select_related("structure").order_by("structure__name"),
        "designations": account.coordinator_roles.select_related("territory").order_by("-school_year"),
    }
    return render(request, "accounts/region_account.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def account_toggle(request, pk):
    """Deactivate (or reactivate) an account, after a confirmation page."""
    account = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        try:
            if account.is_active:
                services.deactivate_user(account, by=request.user)
                messages.success(request, f"Le compte {account.email} est désactivé.")
            else:
                services.reactivate_user(account)
                messages.success(request, f"Le compte {account.email} est réactivé.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("accounts:region_account", pk)
    context = {"account": account, "retention_days": settings.SPRO_ACCOUNT_RETENTION_DAYS}
    return render(request, "accounts/region_account_toggle.html", context)


@region_admin_required
@require_http_methods(["GET", "POST"])
def membership_revoke(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("user", "structure"), pk=pk)
    if request.method == "POST":
        services.revoke_membership(membership)
        messages.success(request, f"{membership.user.email} n'est plus rattaché·e à {membership.structure.name}.")
        return redirect("accounts:region_account", membership.user_id)
    return render(request, "accounts/region_membership_revoke.html", {"membership": membership})
