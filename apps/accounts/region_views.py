"""The Region's screens on professional accounts: list, deactivate or reactivate, revoke memberships."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import services
from .decorators import region_admin_required
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
def account_detail(request, pk):
    account = get_object_or_404(User, pk=pk)
    context = {
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
