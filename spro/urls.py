from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("apps.public.urls")),
    path("compte/", include("apps.workspace.urls")),
    path("compte/", include("apps.accounts.urls")),
    path("espace/", include("apps.directory.urls")),
    path("orientation/", include("apps.orientation.urls")),
    path("reseau/", include("apps.network.urls")),
    path("programme/", include("apps.programme.urls")),
    path("agenda/", include("apps.agenda.urls")),
    path("indicateurs/", include("apps.indicators.urls")),
    path("territoires/", include("apps.territories.urls")),
    path("courriels/", include("apps.emails.urls")),
    path("", include("apps.feedback.urls")),
    path("professionnalisation/", include("apps.skills.urls")),
    path("mallette/", include("apps.resources.urls")),
    path("api/v1/", include("apps.orientation.referral_api_urls")),
    path("api/v1/", include("apps.orientation.api_urls")),
    path("api/v1/", include("apps.network.api_urls")),
    path("api/v1/", include("apps.territories.api_urls")),
    path("", include("apps.training.urls")),
    path("api/v1/", include("apps.training.api_urls")),
    path("api/v1/", include("apps.api.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "apps.core.errors.not_found"
handler500 = "apps.core.errors.server_error"
