from rest_framework.routers import SimpleRouter

from .referral_api import ReferralViewSet

router = SimpleRouter()
router.register("referrals", ReferralViewSet, basename="referral")
urlpatterns = router.urls
