import pytest

from apps.orientation.models import ContactAccessLog

pytestmark = pytest.mark.django_db


def test_members_of_both_structures_read_the_referral(client, make_referral, bij_officer, ml_counsellor):
    referral = make_referral()
    for user in [bij_officer, ml_counsellor]:
        client.force_login(user)
        data = client.get(f"/api/v1/referrals/{referral.pk}/").json()
        assert data["state"] == "sent" and data["has_contact"] is True
        assert "phone" not in data  # contact details only through the logged endpoint
    listing = client.get("/api/v1/referrals/").json()
    assert [r["id"] for r in listing["results"]] == [referral.pk]


def test_contact_endpoint_logs_the_read(client, make_referral, ml_counsellor):
    referral = make_referral()
    client.force_login(ml_counsellor)
    data = client.get(f"/api/v1/referrals/{referral.pk}/contact/").json()
    assert data["first_name"] == "Lou" and data["phone"] == "06 00 00 00 01"
    log = ContactAccessLog.objects.get()
    assert log.user == ml_counsellor and log.channel == "api"


def test_third_structure_and_anonymous_cannot_read_referral_or_contact(client, make_referral, outsider, region_admin):
    referral = make_referral()
    assert client.get(f"/api/v1/referrals/{referral.pk}/").status_code == 403  # anonymous
    for user in [outsider, region_admin]:
        client.force_login(user)
        assert client.get(f"/api/v1/referrals/{referral.pk}/").status_code == 404
        assert client.get(f"/api/v1/referrals/{referral.pk}/contact/").status_code == 404
        assert client.get("/api/v1/referrals/").json()["results"] == []
    assert not ContactAccessLog.objects.exists()


@pytest.mark.parametrize("suffix", ["", "contact/"])
def test_referral_answers_are_never_cached(client, make_referral, ml_counsellor, suffix):
    """A person's data must stay in no browser or proxy cache (review L4)."""
    referral = make_referral()
    client.force_login(ml_counsellor)
    response = client.get(f"/api/v1/referrals/{referral.pk}/{suffix}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "no-store" in client.get("/api/v1/referrals/")["Cache-Control"]
