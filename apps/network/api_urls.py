"""Routes of the governance read API, to include under /api/v1/ in spro/urls.py."""

from rest_framework.routers import SimpleRouter

from .api import AnnualReportViewSet, ConventionViewSet, GrantViewSet

router = SimpleRouter()
router.register("network/conventions", ConventionViewSet, basename="network-convention")
router.register("network/grants", GrantViewSet, basename="network-grant")
router.register("network/reports", AnnualReportViewSet, basename="network-report")
urlpatterns = router.urls
