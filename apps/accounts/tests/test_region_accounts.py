"""The Region's screens: accounts and memberships, a person's erasure request, the access log.

Only region admins use them: every other role tries each path and is refused, and nothing changes.
"""

import pytest
from django.urls import reverse

from apps.accounts.models import Membership, User
from apps.orientation.models import ContactAccessLog, Referral
from apps.orientation.services import ContactInput, send_referral
from tests.factories import MembershipFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def target():
    """A member of a structure whom the Region might deactivate or detach."""
    return MembershipFactory(user=UserFactory(email="cible@test.spro.example"), structure=StructureFactory())


@pytest.fixture
def referral(target):
    return send_referral(
        receiver=StructureFactory(),
        sender_structure=target.structure,
        sender_user=target.user,
        transmission_consent=True,
        contact=ContactInput("Lou", "06 00 00 00 01", "", "phone", consent=True),
        need="Lou cherche une formation",
    )


def _persona(role):
    if role == "anonyme":
        return None
    if role == "membre":
        return MembershipFactory(user=UserFactory(email="membre@test.spro.example")).user
    if role == "admin de structure":
        return MembershipFactory(user=UserFactory(email="admin@test.spro.example"), role="admin").user
    if role == "coordinateur·rice":
        from apps.network.tests.factories import CoordinatorFactory

        return CoordinatorFactory(user=UserFactory(email="coord@test.spro.example")).user
    if role == "équipe d'appui":
        return UserFactory(email="appui@test.spro.example", role="support_team")
    return UserFactory(email="region@test.spro.example", role="region_admin")


def _paths(target, referral):
    user, membership = target.user, target
    return [
        ("get", reverse("accounts:region_accounts"), {}),
        ("get", reverse("accounts:region_account", args=[user.pk]), {}),
        ("get", reverse("accounts:region_account_toggle", args=[user.pk]), {}),
        ("post", reverse("accounts:region_account_toggle", args=[user.pk]), {}),
        ("get", reverse("accounts:region_membership_revoke", args=[membership.pk]), {}),
        ("post", reverse("accounts:region_membership_revoke", args=[membership.pk]), {}),
        ("get", reverse("orientation:erasure"), {"numero": referral.pk}),
        ("post", reverse("orientation:erasure"), {"numero": referral.pk, "confirm": "on"}),
        ("get", reverse("orientation:access_log"), {}),
    ]


FORBIDDEN = ["anonyme", "membre", "admin de structure", "coordinateur·rice", "équipe d'appui"]


@pytest.mark.parametrize("role", FORBIDDEN)
@pytest.mark.parametrize("index", range(9))
def test_only_the_region_uses_its_screens(client, target, referral, role, index):
    method, url, data = _paths(target, referral)[index]
    persona = _persona(role)
    if persona:
        client.force_login(persona)
    response = getattr(client, method)(url, data)
    if persona is None:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403
    assert User.objects.get(pk=target.user_id).is_active
    assert Membership.objects.filter(pk=target.pk).exists()
    assert Referral.objects.get(pk=referral.pk).need and not ContactAccessLog.objects.exists()


@pytest.mark.parametrize("index", range(9))
def test_the_region_admin_reaches_each_screen(client, target, referral, index):
    method, url, data = _paths(target, referral)[index]
    client.force_login(_persona("administration régionale"))
    assert getattr(client, method)(url, data).status_code == (302 if method == "post" else 200)


def test_deactivation_asks_for_confirmation_then_locks_the_account_out(client, target, region_admin):
    client.force_login(region_admin)
    url = reverse("accounts:region_account_toggle", args=[target.user_id])
    page = client.get(url).content.decode()
    assert "Désactiver le compte cible@test.spro.example ?" in page
    assert User.objects.get(pk=target.user_id).is_active  # a GET changes nothing
    client.post(url)
    user = User.objects.get(pk=target.user_id)
    assert not user.is_active and user.deactivated_at is not None
    assert not client.login(username="cible@test.spro.example", password="mot-de-passe-de-test")
    client.force_login(region_admin)
    client.post(url)  # reactivate
    assert User.objects.get(pk=target.user_id).is_active


def test_a_live_session_of_a_deactivated_account_ends(client, target, region_admin):
    client.force_login(target.user)
    assert client.get(reverse("orientation:inbox")).status_code == 200
    target.user.is_active = False
    target.user.save()
    assert client.get(reverse("orientation:inbox")).status_code == 302


def test_a_region_admin_cannot_deactivate_their_own_account(client, region_admin):
    client.force_login(region_admin)
    response = client.post(reverse("accounts:region_account_toggle", args=[region_admin.pk]), follow=True)
    assert "Vous ne pouvez pas désactiver votre propre compte." in response.content.decode()
    assert User.objects.get(pk=region_admin.pk).is_active


def test_revoking_a_membership_removes_the_access_to_the_structure(client, target, referral, region_admin):
    client.force_login(target.user)
    assert client.get(reverse("orientation:referral", args=[referral.pk])).status_code == 200
    client.force_login(region_admin)
    url = reverse("accounts:region_membership_revoke", args=[target.pk])
    assert "Retirer le rattachement" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=target.pk).exists()
    client.force_login(target.user)
    assert client.get(reverse("orientation:referral", args=[referral.pk])).status_code in {403, 404}


@pytest.mark.parametrize(
    "params, listed",
    [
        ({}, {"cible@test.spro.example", "region@test.spro.example"}),
        ({"q": "cible"}, {"cible@test.spro.example"}),
        ({"etat": "desactives"}, {"parti@test.spro.example"}),
        ({"etat": "tous", "q": "parti"}, {"parti@test.spro.example"}),
        ({"etat": "n'importe quoi"}, {"cible@test.spro.example", "region@test.spro.example"}),
    ],
)
def test_the_account_list_filters(client, target, region_admin, params, listed):
    UserFactory(email="parti@test.spro.example", is_active=False)
    client.force_login(region_admin)
    page = client.get(reverse("accounts:region_accounts"), params).context["page"]
    assert {u.email for u in page.object_list} == listed
