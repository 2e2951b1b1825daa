from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.decorators import region_admin_required

from . import selectors, services


@region_admin_required
def failed_list(request):
    page = Paginator(selectors.failed_emails(), 50).get_page(request.GET.get("page"))
    return render(request, "emails/failed.html", {"page": page, "pending_count": selectors.pending_count()})


@region_admin_required
@require_POST
def retry(request, pk):
    email = get_object_or_404(selectors.failed_emails(), pk=pk)
    services.retry(email)
    messages.success(request, f"L'e-mail à {email.recipients} est remis dans la file d'envoi.")
    return redirect("emails:failed")


@region_admin_required
@require_POST
def retry_all(request):
    count = sum(services.retry(email) for email in selectors.failed_emails())
    messages.success(request, f"{count} e-mail{'s' if count > 1 else ''} remis dans la file d'envoi.")
    return redirect("emails:failed")
