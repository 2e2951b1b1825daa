from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.directory.selectors import services_to_verify
from apps.orientation.selectors import inbox

from .selectors import structures_of


@login_required
def dashboard(request):
    structures = structures_of(request.user)
    to_verify = services_to_verify(structures)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "structures": structures[:50],
            "structure_count": structures.count(),
            "to_verify_count": to_verify.count(),
            "inbox_count": inbox(request.user, "a-traiter").count(),
        },
    )
