"""The network's view hides every group under 5 people; pairing only pairs people who both consented;
sessions created from a wanted skill reach the people who wish it."""

import pytest
from django.utils import timezone

from apps.programme.models import Session
from apps.skills import selectors, services
from apps.skills.models import ProfessionalProfile, SkillSession
from tests.factories import StructureFactory

from .conftest import member_of


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, None), (2, None), (3, None), (4, None), (5, 5), (6, 6), (40, 40)]
)
def test_a_count_of_one_to_four_people_is_never_shown(count, shown):
    assert selectors.shown(count) == shown


def _people(structure, n, prefix):
    return [member_of(structure, f"{prefix}{i}@test.spro.example") for i in range(n)]


@pytest.mark.django_db
def test_the_network_view_hides_groups_under_five_overall_and_per_territory(coordination, ml_blaisois, cher):
    skill = coordination.skills().get(key="IV.10")
    other = coordination.skills().get(key="I.1")
    bourges = StructureFactory(slug="ml-bourges", territory=cher)
    for user in _people(ml_blaisois, 3, "blois") + _people(bourges, 2, "bourges"):
        services.rate(user, skill, 1, True)  # 5 wishes in the region: 3 + 2 by territory
    for user in _people(ml_blaisois, 4, "fort"):
        services.rate(user, other, 4, False)  # 4 strong people: hidden everywhere
    figures, territories = selectors.network_view(coordination)
    by_key = {f.skill.key: f for f in figures}
    assert by_key["IV.10"].wishes == 5 and by_key["IV.10"].raw_wishes == 5
    assert by_key["IV.10"].by_territory == [(0, None), (0, None)]  # 3 and 2: both hidden
    assert by_key["I.1"].strengths is None and by_key["I.1"].by_territory == [
        (0, 0),
        (None, 0),
    ]  # Cher, then Loir-et-Cher
    assert figures[0].skill.key == "IV.10"  # the most wanted first

    loir_et_cher = ml_blaisois.territory
    figures, _ = selectors.network_view(coordination, loir_et_cher)
    assert {f.skill.key: f.wishes for f in figures}["IV.10"] is None  # only 3 in this territory


@pytest.mark.django_db
def test_the_network_page_never_prints_a_small_count(coordination, ml_blaisois, as_role):
    skill = coordination.skills().get(key="IV.10")
    for user in _people(ml_blaisois, 4, "p"):
        services.rate(user, skill, 1, True)
    page = as_role("support_team").get("/professionnalisation/reseau/coordination-spro/").content.decode()
    row = page[page.index("IV.10. Animer un comité") :].split("</tr>")[0]
    assert "&lt; 5" in row and ">4<" not in row


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mine", "theirs", "paired"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_pairing_only_pairs_people_who_both_consented(coordination, ml_blaisois, mine, theirs, paired):
    skill = coordination.skills().get(key="IV.10")
    learner, mentor = _people(ml_blaisois, 2, "pair")
    services.rate(learner, skill, 1, True)
    services.rate(mentor, skill, 4, False)
    services.profile_of(learner), services.profile_of(mentor)
    ProfessionalProfile.objects.filter(user=learner).update(pairing_consent=mine)
    ProfessionalProfile.objects.filter(user=mentor).update(pairing_consent=theirs)
    to_learner = selectors.pairing_suggestions(learner)
    to_mentor = selectors.pairing_suggestions(mentor)
    assert [(p.peer, p.direction) for p in to_learner] == ([(mentor, "learn")] if paired else [])
    assert [(p.peer, p.direction) for p in to_mentor] == ([(learner, "help")] if paired else [])


@pytest.mark.django_db
def test_pairing_needs_strength_on_one_side_and_a_wish_on_the_other(coordination, ml_blaisois):
    skill = coordination.skills().get(key="IV.10")
    a, b = _people(ml_blaisois, 2, "duo")
    for user in (a, b):
        services.profile_of(user)
    ProfessionalProfile.objects.update(pairing_consent=True)
    services.rate(a, skill, 1, True)
    services.rate(b, skill, 2, False)  # below the strong level (3): cannot help yet
    assert selectors.pairing_suggestions(a) == []
    inactive = _people(ml_blaisois, 1, "parti")[0]
    services.profile_of(inactive)
    ProfessionalProfile.objects.update(pairing_consent=True)
    services.rate(inactive, skill, 4, False)
    inactive.is_active = False
    inactive.save()
    assert selectors.pairing_suggestions(a) == []


@pytest.mark.django_db
def test_the_support_team_turns_a_wanted_skill_into_a_draft_session(coordination, ml_blaisois, as_role, personas):
    skill = coordination.skills().get(key="IV.10")
    wishers = _people(ml_blaisois, 6, "souhait")
    for user in wishers:
        services.rate(user, skill, 1, True)
    client = as_role("support_team")
    response = client.post(f"/professionnalisation/reseau/competences/{skill.pk}/session/")
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/programme/sessions/{session.pk}/modifier/"
    assert session.status == Session.Status.DRAFT and session.kind == Session.Kind.PRACTICE_EXCHANGE
    assert session.title == "Échanges de pratiques : " + skill.label
    assert "6 personnes" in session.description and session.created_by == personas["support_team"]
    assert session.starts_at.weekday() < 5 and session.starts_at > session.created_at
    assert SkillSession.objects.filter(session=session, skill_key="IV.10").exists()

    # A draft is suggested to nobody; once published as pre-filled (one click more), to the people who wish it.
    assert list(selectors.matching_sessions(wishers[0])) == []
    form = client.get(response["Location"]).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, "")}
    data.update(status=Session.Status.PUBLISHED, address="GIP Alfa Centre, Orléans")
    published = client.post(response["Location"], data)
    assert published.status_code == 302, published.context["form"].errors
    session.refresh_from_db()
    assert session.status == Session.Status.PUBLISHED and timezone.localtime(session.starts_at).hour == 9
    assert list(selectors.matching_sessions(wishers[0])) == [session]
    assert list(selectors.matching_sessions(personas["member"])) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("unattached", 403),
        ("member", 403),
        ("coordinator", 403),
        ("support_team", 302),
        ("region_admin", 302),
    ],
)
def test_only_the_programme_managers_create_a_session_from_a_skill(coordination, as_role, role, status):
    skill = coordination.skills().get(key="IV.10")
    response = as_role(role).post(f"/professionnalisation/reseau/competences/{skill.pk}/session/")
    assert response.status_code == status
    assert Session.objects.exists() == (role in {"support_team", "region_admin"})
