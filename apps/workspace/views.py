from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.directory.editable import structures_of
from apps.directory.selectors import services_to_verify
from apps.orientation.selectors import inbox

from .home import home_of


@login_required
def dashboard(request):
    """The home of a professional: only what their roles allow (apps.workspace.home)."""
    home = home_of(request.user)
    structures = structures_of(request.user)
    context = {
        "home": home,
        "structures": structures[:50],
        "structure_count": structures.count(),
        "to_verify_count": services_to_verify(structures).count(),
        "inbox_count": inbox(request.user, "a-traiter").count() if home.works_in_a_structure else 0,
    }
    return render(request, "workspace/dashboard.html", context)
