"""The network home, the public directory of coordinators, a territory's page, designations, Region contacts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from apps.directory import selectors as directory_selectors
from apps.geo.models import Territory

from .. import selectors, services
from ..forms.meetings import CoordinatorForm, RegionContactForm
from ..models import ActionPlan, AnnualReport, Convention, Coordinator, RegionContact
from ..models.common import current_school_year
from .common import allowed, form_page, network_crumb


def coordinators_directory(request):
    """Public: who coordinates the SPRO in each territory, and the Region's contact."""
    rows = selectors.coordinators_directory()
    return render(
        request,
        "network/coordinators.html",
        {"rows": rows, "school_year": current_school_year()},
    )


@login_required
def home(request):
    user = request.user
    year = timezone.localdate().year
    territories = list(selectors.visible_territories(user))
    conventions = {
        c.territory_id: c
        for c in Convention.objects.filter(year=year, territory__in=territories).prefetch_related("signatories")
    }
    rows = [(t, conventions.get(t.pk)) for t in territories]
    my_conventions = selectors.visible_conventions(user).filter(signatories__structure__memberships__user=user)
    return render(
        request,
        "network/home.html",
        {
            "year": year,
            "rows": rows,
            "my_conventions": my_conventions.distinct().order_by("-year")[:20],
            "pending_count": len(selectors.pending_signatures(selectors.visible_conventions(user))),
            "meetings": selectors.visible_meetings(user)
            .filter(starts_at__gte=timezone.now())
            .order_by("starts_at")[:5],
        },
    )


@login_required
def territory(request, code):
    territory = get_object_or_404(Territory, code=code)
    allowed(request, "network.view_governance", territory)
    year = timezone.localdate().year
    coordinators = Coordinator.objects.filter(territory=territory).select_related("user", "structure")
    places = directory_selectors.territory_places(territory)
    return render(
        request,
        "network/territory.html",
        {
            "territory": territory,
            "year": year,
            "coordinators": coordinators.order_by("-school_year", "user__last_name"),
            "in_force": selectors.active_coordinators().filter(territory=territory).values_list("pk", flat=True),
            "contacts": RegionContact.objects.filter(territory=territory),
            "conventions": Convention.objects.filter(territory=territory).order_by("-year"),
            "plans": ActionPlan.objects.filter(territory=territory).order_by("-year"),
            "reports": AnnualReport.objects.filter(territory=territory).order_by("-year"),
            "years": [year + 1, year, year - 1],
            "places": places,
            "place_points": directory_selectors.map_points(places),
        },
    )


@login_required
def coordinator_create(request, code):
    territory = get_object_or_404(Territory, code=code)
    allowed(request, "network.designate_coordinators", territory, "Seule la Région enregistre les désignations.")
    form = CoordinatorForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        coordinator = form.save(commit=False)
        coordinator.territory, coordinator.user = territory, form.save_user()
        try:
            services.designate_coordinator(coordinator, by=request.user)
        except services.GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{coordinator.user} est désigné·e pour {coordinator.school_year_label}.")
            return redirect("network:territory", territory.code)
    back = reverse("network:territory", args=[territory.code])
    crumbs = [network_crumb(), (territory.name, back)]
    return form_page(request, form, f"Désigner un·e coordinateur·rice — {territory.name}", back, crumbs)


@login_required
def region_contact_edit(request, code, topic):
    territory = get_object_or_404(Territory, code=code)
    allowed(request, "network.designate_coordinators", territory, "Seule la Région désigne ses contacts.")
    if topic not in RegionContact.Topic.values:
        return redirect("network:territory", territory.code)
    contact = RegionContact.objects.filter(territory=territory, topic=topic).first()
    contact = contact or RegionContact(territory=territory, topic=topic)
    form = RegionContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Le contact à la Région a été enregistré.")
        return redirect("network:territory", territory.code)
    back = reverse("network:territory", args=[territory.code])
    title = f"Contact à la Région — {contact.get_topic_display()} — {territory.name}"
    return form_page(request, form, title, back, [network_crumb(), (territory.name, back)])
