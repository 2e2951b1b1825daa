"""Every button leads somewhere allowed: each demo role's home links only to pages it may open."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import resolve, reverse

from apps.accounts.models import Membership, User
from apps.directory.models import Structure
from apps.orientation.models import Reception
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
DEMO = "demo.spro.example"
# One account of each role of load_demo (README): region admin, member (and admin) of a structure,
# the two coordinators of Loir-et-Cher, the support team.
DEMO_ACCOUNTS = {
    "administration régionale": f"admin@{DEMO}",
    "membre d'une structure (BIJ 41)": f"bij-41@{DEMO}",
    "membre d'une Mission locale": f"ml-blaisois@{DEMO}",
    "coordinatrice": f"coord-loir-et-cher@{DEMO}",
    "second coordinateur": f"coord2-loir-et-cher@{DEMO}",
    "équipe d'appui": f"appui@{DEMO}",
}
NO_STRUCTURE = "Votre compte n'est rattaché à aucune structure"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo accounts and what their homes link to, loaded once for the module and rolled back after it."""
    from django.db import transaction

    from tests.demo_world import load_demo_world

    # No change history while loading: it is most of the loading time and no home page shows it.
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        load_demo_world()
        yield
        transaction.set_rollback(True)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(("get", attrs["href"]))
        elif tag == "form":
            self.links.append(((attrs.get("method") or "get").lower(), attrs.get("action") or ""))


def internal_links(html: str, page: str) -> set[tuple[str, str]]:
    parser = _Links()
    parser.feed(html)
    links = set()
    for method, href in parser.links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#"):
            continue  # another site, a telephone number, an anchor of the page
        path = parts.path or page
        links.add((method, f"{path}?{parts.query}" if parts.query else path))
    return links


def home_of(client, email):
    client.force_login(User.objects.get(email=email))
    response = client.get(reverse("workspace:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", DEMO_ACCOUNTS)
def test_every_link_of_the_home_page_opens(client, role):
    """Every <a href> and form action of the home (main navigation and footer included), internal only."""
    page = reverse("workspace:dashboard")
    links = internal_links(home_of(client, DEMO_ACCOUNTS[role]), page)
    assert len(links) > 10
    for method, url in sorted(links):
        if method == "post":  # logging out: the address exists, nothing is sent
            resolve(urlsplit(url).path)
            continue
        response = client.get(url)
        assert response.status_code not in (403, 404, 500), (role, url, response.status_code)


@pytest.mark.parametrize(
    ("role", "records_receptions"),
    [
        ("administration régionale", False),
        ("membre d'une structure (BIJ 41)", True),
        ("membre d'une Mission locale", True),
        ("coordinatrice", False),
        ("second coordinateur", False),
        ("équipe d'appui", False),
    ],
)
def test_the_reception_button_is_shown_only_to_members_and_no_false_warning(client, role, records_receptions):
    content = home_of(client, DEMO_ACCOUNTS[role])
    assert (reverse("orientation:reception_create") in content) is records_receptions
    assert (reverse("orientation:inbox") + '"' in content.split('id="contenu"')[1]) is records_receptions
    assert NO_STRUCTURE not in content


def _coordinator():
    return User.objects.get(email=DEMO_ACCOUNTS["coordinatrice"])


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(_coordinator, id="coordinatrice"),
        pytest.param(lambda: User.objects.get(email=DEMO_ACCOUNTS["équipe d'appui"]), id="équipe d'appui"),
        pytest.param(lambda: User.objects.get(email=DEMO_ACCOUNTS["administration régionale"]), id="Région"),
    ],
)
def test_a_regional_role_who_is_also_a_member_records_a_reception_for_their_structure(client, make_user):
    user = make_user()
    structure = Structure.objects.get(slug="ml-blaisois")
    url = reverse("orientation:reception_create")
    client.force_login(user)
    assert client.get(url).status_code == 403  # the forbidden path: not a member yet
    Membership.objects.create(user=user, structure=structure)

    content = home_of(client, user.email)
    assert url in content and "Mission locale du Blaisois" in content
    form = client.get(url)
    assert form.status_code == 200
    assert list(form.context["form"].fields["structure"].queryset) == [structure]
    data = {
        "structure": structure.pk,
        "date": "2026-11-02",
        "channel": "on_site",
        "age_band": "16_25",
        "actions": ["information"],
        "cep_level": "1",
    }
    assert client.post(url, data).status_code == 302
    assert Reception.objects.filter(structure=structure, recorded_by=user).count() == 1


def test_an_account_attached_to_nothing_is_told_so_and_sees_no_action(client):
    user = UserFactory(email="nouveau@test.spro.example")
    client.force_login(user)
    content = client.get(reverse("workspace:dashboard")).content.decode()
    assert NO_STRUCTURE in content
    assert reverse("orientation:reception_create") not in content
    assert reverse("programme:session_create") not in content


def test_a_member_of_two_structures_chooses_the_one_the_reception_is_for(client):
    user = MembershipFactory(structure=Structure.objects.get(slug="bij-41")).user
    MembershipFactory(user=user, structure=Structure.objects.get(slug="ml-blaisois"))
    client.force_login(user)
    form = client.get(reverse("orientation:reception_create")).context["form"]
    assert {s.slug for s in form.fields["structure"].queryset} == {"bij-41", "ml-blaisois"}
