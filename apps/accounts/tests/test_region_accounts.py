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
        ("get", reverse("accounts:region_account_create"), {}),
        ("post", reverse("accounts:region_account_create"), NEW_ACCOUNT),
        ("post", reverse("accounts:region_account_invite", args=[user.pk]), {}),
    ]


NEW_ACCOUNT = {
    "email": "nouvelle@test.spro.example",
    "first_name": "Inès",
    "last_name": "Carré",
    "role": "support_team",
}
PATH_COUNT = 12


FORBIDDEN = ["anonyme", "membre", "admin de structure", "coordinateur·rice", "équipe d'appui"]


@pytest.mark.parametrize("role", FORBIDDEN)
@pytest.mark.parametrize("index", range(PATH_COUNT))
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
    assert not User.objects.filter(email=NEW_ACCOUNT["email"]).exists()


@pytest.mark.parametrize("index", range(PATH_COUNT))
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


def test_the_region_creates_an_account_that_receives_its_invitation(
    client, region_admin, mailoutbox, target, django_capture_on_commit_callbacks
):
    from apps.accounts import invitations

    client.force_login(region_admin)
    data = {"email": "Nouvelle@Test.spro.example", "first_name": "Inès", "last_name": "Carré"}
    data |= {"structure": target.structure.pk, "membership_role": "admin", "role": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:region_account_create"), data)
    account = User.objects.get(email="nouvelle@test.spro.example")
    assert response["Location"] == reverse("accounts:region_account", args=[account.pk])
    assert not account.has_usable_password() and account.role == ""
    assert account.memberships.get().structure == target.structure and account.memberships.get().role == "admin"
    (mail,) = mailoutbox
    assert mail.to == ["nouvelle@test.spro.example"] and target.structure.name in mail.body
    token = mail.body.split("/compte/invitation/")[1].split("/")[0]
    assert invitations.user_for(token) == account


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"email": "cible@test.spro.example"}, "email", "Un compte existe déjà avec cette adresse"),
        ({"email": "pas-une-adresse"}, "email", "Saisissez une adresse e-mail valide."),
        ({"first_name": ""}, "first_name", "Ce champ est obligatoire."),
        ({"structure": "", "role": ""}, "structure", "Choisissez une structure ou un rôle régional"),
        ({"role": "super_admin"}, "role", "Sélectionnez un choix valide."),
    ],
)
def test_account_creation_errors_name_the_field(client, region_admin, target, changes, field, message):
    client.force_login(region_admin)
    data = {
        "email": "x@test.spro.example",
        "first_name": "Inès",
        "last_name": "Carré",
        "structure": target.structure.pk,
    }
    data |= {"membership_role": "member", "role": ""} | changes
    response = client.post(reverse("accounts:region_account_create"), data)
    assert response.status_code == 200
    assert any(error.startswith(message) for error in response.context["form"].errors[field])
    assert User.objects.count() == 2  # the target and the region admin: nothing written


def test_resend_invitation_only_for_an_account_never_used(client, region_admin, target, mailoutbox):
    client.force_login(region_admin)
    fresh = User.objects.create_user("jamais@test.spro.example", password=None)
    assert "Renvoyer l'invitation" in client.get(reverse("accounts:region_account", args=[fresh.pk])).content.decode()
    client.post(reverse("accounts:region_account_invite", args=[fresh.pk]))
    assert [m.to for m in mailoutbox] == [["jamais@test.spro.example"]]
    page = client.get(reverse("accounts:region_account", args=[target.user_id])).content.decode()
    assert "Renvoyer l'invitation" not in page  # the target has a password
    response = client.post(reverse("accounts:region_account_invite", args=[target.user_id]), follow=True)
    assert "Ce compte a déjà servi" in response.content.decode() and len(mailoutbox) == 1
