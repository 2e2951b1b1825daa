"""Coordination teams of any size, candidate structures (state × action × role), COTECH SPRO and its needs."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from apps.network import coordination, services
from apps.network.models import Amendment, Candidate, Committee, Coordinator, Meeting, Need
from apps.programme.models import Audience, Registration
from apps.programme.tests.factories import SessionFactory
from tests.factories import StructureFactory, UserFactory

from .factories import CoordinatorFactory

PARIS = ZoneInfo("Europe/Paris")
State = Candidate.Status


def designation(territory, plenary, structure, role, area="", school_year=2026, **fields):
    user = fields.pop("user", None) or UserFactory()
    return Coordinator(
        territory=territory,
        user=user,
        structure=structure,
        role=role,
        area=area,
        school_year=school_year,
        designated_on=date(2026, 9, 18),
        designation_meeting=plenary,
        **fields,
    )


# --- 1. Kinds of coordination -------------------------------------------------------------------------


def test_a_territory_holds_four_coordinators_of_different_kinds(loir_et_cher, plenary_41, ml_blaisois, cio_blois):
    kinds = [("departmental", ""), ("local", ""), ("bassin", "Bassin de Romorantin"), ("group", "")]
    for role, area in kinds:
        services.designate_coordinator(designation(loir_et_cher, plenary_41, ml_blaisois, role, area))
    team = list(coordination.team(loir_et_cher, 2026))
    assert len(team) == 4 and {c.role for c in team} == {role for role, _ in kinds}
    assert all(c.structure == ml_blaisois and c.designation_meeting == plenary_41 for c in team)
    assert not hasattr(Coordinator, "MAX_PER_TERRITORY")


def test_a_group_of_four_and_bassin_referents_have_no_size_limit(loir_et_cher, plenary_41, ml_blaisois):
    for _ in range(4):
        services.designate_coordinator(designation(loir_et_cher, plenary_41, ml_blaisois, "group"))
    for n in range(5):
        services.designate_coordinator(designation(loir_et_cher, plenary_41, ml_blaisois, "bassin", f"Bassin {n}"))
    assert coordination.team(loir_et_cher, 2026).count() == 9


@pytest.mark.parametrize(
    "existing, new, error",
    [
        ([], {"role": "local", "structure": None}, "structure qui emploie"),
        ([], {"role": "local", "designation_meeting": None}, "réunion du comité"),
        ([], {"role": "local", "designation_meeting": "cher"}, "comité de coordination de ce territoire"),
        ([], {"role": "bassin", "area": "  "}, "bassin du ou de la référent·e"),
        (["departmental"], {"role": "departmental"}, "déjà 1 personne en « coordination départementale »"),
        (["pair", "pair"], {"role": "pair"}, "déjà 2 personnes en « coordination locale en binôme »"),
        (["local"], {"role": "group", "user": "same"}, "déjà désignée"),
        (["departmental"], {"role": "departmental", "school_year": 2025}, None),  # another school year
        (["pair"], {"role": "pair"}, None),
        (["departmental", "pair", "pair", "group"], {"role": "local"}, None),
    ],
)
def test_team_rules(loir_et_cher, cher, plenary_41, ml_blaisois, existing, new, error):
    first_user = None
    for role in existing:
        c = designation(loir_et_cher, plenary_41, ml_blaisois, role)
        services.designate_coordinator(c)
        first_user = first_user or c.user
    fields = dict(new)
    if fields.get("user") == "same":
        fields["user"] = first_user
    if fields.get("designation_meeting") == "cher":
        fields["designation_meeting"] = Meeting.objects.create(
            committee=services.local_committee(cher),
            title="Plénière du Cher",
            starts_at=datetime(2026, 9, 17, 9, 30, tzinfo=PARIS),
            place="Bourges",
            agenda="Désignation",
        )
    role, area = fields.pop("role"), fields.pop("area", "Bassin de Vendôme")
    structure = fields.pop("structure", ml_blaisois)
    meeting = fields.pop("designation_meeting", plenary_41)
    candidate = designation(loir_et_cher, meeting, structure, role, area, **fields)
    if error is None:
        services.designate_coordinator(candidate)
        assert candidate.pk
    else:
        with pytest.raises(services.GovernanceError, match=error):
            services.designate_coordinator(candidate)


def test_the_region_designates_a_bassin_referent_through_the_form(client, region_admin, plenary_41, ml_blaisois):
    client.force_login(region_admin)
    data = {
        "email": "referent.romorantin@test.spro.example",
        "first_name": "Lina",
        "last_name": "Fictive",
        "role": "bassin",
        "area": "",
        "school_year": 2026,
        "designated_on": "2026-09-18",
        "designation_meeting": plenary_41.pk,
        "structure": ml_blaisois.pk,
    }
    url = reverse("network:coordinator_create", args=["loir-et-cher"])
    page = client.post(url, data).content.decode()
    assert "Indiquez le bassin" in page
    assert client.post(url, data | {"area": "Bassin de Romorantin"}).status_code == 302
    referent = Coordinator.objects.get(user__email="referent.romorantin@test.spro.example")
    assert referent.get_role_display() == "Référent·e de bassin" and referent.area == "Bassin de Romorantin"
    territory_page = client.get(reverse("network:territory", args=["loir-et-cher"])).content.decode()
    assert "Référent·e de bassin — Bassin de Romorantin" in territory_page


def test_a_coordinator_registers_to_a_session_through_their_structure(client, coordinator_41, ml_blaisois):
    session = SessionFactory(audience=Audience.COORDINATORS, title="Journée des coordinateur·rices")
    assert not coordinator_41.memberships.exists()  # no membership: the structure's referrals stay closed
    client.force_login(coordinator_41)
    page = client.get(session.get_absolute_url()).content.decode()
    assert f'name="structure" value="{ml_blaisois.pk}"' in page
    response = client.post(reverse("programme:register", args=[session.pk]), {"structure": ml_blaisois.pk})
    assert response.status_code == 302
    registration = Registration.objects.get(session=session, user=coordinator_41)
    assert registration.structure == ml_blaisois and registration.status == Registration.Status.CONFIRMED


def test_only_the_employing_structure_of_a_designation_in_force_opens_registration(
    client, loir_et_cher, ml_blaisois, cio_blois
):
    from apps.programme import services as programme_services

    session = SessionFactory(audience=Audience.COORDINATORS)
    former = UserFactory()
    CoordinatorFactory(territory=loir_et_cher, user=former, structure=ml_blaisois, school_year=2025)
    assert list(programme_services.registration_structures(former)) == []
    current = UserFactory()
    CoordinatorFactory(territory=loir_et_cher, user=current, structure=ml_blaisois)
    with pytest.raises(programme_services.RegistrationError):
        programme_services.register(session, current, cio_blois)
    client.force_login(former)
    client.post(reverse("programme:register", args=[session.pk]), {"structure": ml_blaisois.pk})
    assert not Registration.objects.filter(user=former).exists()


# --- 2. Candidate structures ---------------------------------------------------------------------------


def test_a_candidate_becomes_a_signatory_through_an_amendment(
    client, coordinator_41, region_admin, signed_41, plenary_41, cidff_41
):
    client.force_login(coordinator_41)
    url = reverse("network:candidate_create", args=["loir-et-cher"])
    assert client.post(url, {"structure": cidff_41.pk, "role": "resource_partner", "reason": "Droits"}).status_code
    candidate = Candidate.objects.get(structure=cidff_41)
    for action, data in [("contact", {}), ("accept", {"meeting": plenary_41.pk})]:
        response = client.post(reverse("network:candidate_action", args=[candidate.pk, action]), data)
        assert response.status_code == 302, response.content.decode()
    candidate.refresh_from_db()
    amendment = candidate.amendment
    assert candidate.status == State.AMENDMENT and candidate.decided_at == plenary_41
    assert amendment.status == Amendment.Status.DRAFT and amendment.convention == signed_41
    assert list(amendment.changes.values_list("action", "structure_id", "role")) == [
        ("add", cidff_41.pk, "resource_partner")
    ]
    # the Région sends the prepared amendment; every party and the joining structure sign
    services.send_amendment(amendment, by=region_admin, on=date(2026, 11, 12))
    dates = {s.pk: date(2026, 11, 20) for s in amendment.signatures.all()}
    services.record_amendment_signatures(amendment, dates, by=region_admin, today=date(2026, 11, 24))
    candidate.refresh_from_db()
    assert candidate.status == State.JOINED
    signatory = signed_41.active_signatories.get(structure=cidff_41)
    assert signatory.role == "resource_partner" and signatory.added_by == amendment
    assert services.local_committee(signed_41.territory).members.filter(structure=cidff_41).exists()
    page = client.get(candidate.get_absolute_url()).content.decode()
    assert "Signataire" in page and f"Avenant n° {amendment.number}" in page


def test_two_candidates_decided_together_share_one_amendment(signed_41, plenary_41, cidff_41, coordinator_41):
    other = StructureFactory(name="CRIA 41", territory=signed_41.territory)
    amendments = set()
    for structure in (cidff_41, other):
        candidate = services.propose_candidate(signed_41.territory, by=coordinator_41, structure=structure)
        services.act_on_candidate(candidate, "contact", by=coordinator_41)
        amendments.add(services.act_on_candidate(candidate, "accept", by=coordinator_41, meeting=plenary_41).amendment)
    assert len(amendments) == 1 and amendments.pop().changes.count() == 2


def test_a_typed_in_candidate_is_linked_to_the_directory_when_accepted(signed_41, plenary_41, cidff_41):
    candidate = services.propose_candidate(signed_41.territory, proposed_name="  Chambre   d'agriculture 41 ")
    assert candidate.name == "Chambre d'agriculture 41"
    services.act_on_candidate(candidate, "contact")
    with pytest.raises(services.GovernanceError, match="Rattachez"):
        services.act_on_candidate(candidate, "accept", meeting=plenary_41)
    candidate = services.act_on_candidate(candidate, "accept", meeting=plenary_41, structure=cidff_41)
    assert candidate.structure == cidff_41 and candidate.status == State.AMENDMENT


@pytest.mark.parametrize(
    "setup, error",
    [
        ("party", "déjà signataire"),
        ("twice", "déjà candidate"),
        ("nothing", "saisissez son nom"),
    ],
)
def test_proposal_rules(signed_41, cidff_41, ml_blaisois, setup, error):
    if setup == "twice":
        services.propose_candidate(signed_41.territory, structure=cidff_41)
    structure = {"party": ml_blaisois, "twice": cidff_41, "nothing": None}[setup]
    with pytest.raises(services.GovernanceError, match=error):
        services.propose_candidate(signed_41.territory, structure=structure)


ACTIONS = ["contact", "accept", "decline", "reopen"]
ROLES = ["region_admin", "coordinator", "other_coordinator", "member", "support_team"]
ACTING_ROLES = {"region_admin", "coordinator"}
# state × action → the state reached (None: the action is refused in that state)
EXPECTED = {
    (State.PROPOSED, "contact"): State.CONTACTED,
    (State.PROPOSED, "accept"): None,
    (State.PROPOSED, "decline"): State.DECLINED,
    (State.PROPOSED, "reopen"): None,
    (State.CONTACTED, "contact"): None,
    (State.CONTACTED, "accept"): State.AMENDMENT,
    (State.CONTACTED, "decline"): State.DECLINED,
    (State.CONTACTED, "reopen"): None,
    (State.AMENDMENT, "contact"): None,
    (State.AMENDMENT, "accept"): None,
    (State.AMENDMENT, "decline"): None,
    (State.AMENDMENT, "reopen"): None,
    (State.JOINED, "contact"): None,
    (State.JOINED, "accept"): None,
    (State.JOINED, "decline"): None,
    (State.JOINED, "reopen"): None,
    (State.DECLINED, "contact"): None,
    (State.DECLINED, "accept"): None,
    (State.DECLINED, "decline"): None,
    (State.DECLINED, "reopen"): State.PROPOSED,
}


def test_the_expected_table_covers_every_state_and_action():
    assert set(EXPECTED) == {(s, a) for s in State.values for a in ACTIONS}
    for (state, action), target in EXPECTED.items():
        machine = coordination.TRANSITIONS[action]
        assert (state in machine.sources) == (target is not None)
        assert target is None or machine.target == target


@pytest.mark.parametrize("state, action", sorted(EXPECTED))
def test_candidate_state_action_role_table(
    client, state, action, region_admin, coordinator_41, coordinator_18, cio_member, signed_41, plenary_41
):
    support = UserFactory(role="support_team")
    users = {
        "region_admin": region_admin,
        "coordinator": coordinator_41,
        "other_coordinator": coordinator_18,
        "member": cio_member,
        "support_team": support,
    }
    for role in ROLES:
        structure = StructureFactory(territory=signed_41.territory)
        candidate = Candidate.objects.create(territory=signed_41.territory, structure=structure, status=state)
        client.force_login(users[role])
        url = reverse("network:candidate_action", args=[candidate.pk, action])
        response = client.post(url, {"meeting": plenary_41.pk, "note": "Suivi"})
        candidate.refresh_from_db()
        target = EXPECTED[(state, action)]
        if role not in ACTING_ROLES:
            assert response.status_code == 403, (role, state, action)
            assert candidate.status == state
        elif target is None:
            assert response.status_code == 200 and "est pas possible" in response.content.decode(), (
                role,
                state,
                action,
            )
            assert candidate.status == state
        else:
            assert response.status_code == 302, (role, state, action, response.content.decode()[:2000])
            assert candidate.status == target
            if coordination.TRANSITIONS[action].needs_meeting:
                assert candidate.decided_at == plenary_41


def test_a_decision_needs_a_past_meeting_of_the_territory_committee(signed_41, cidff_41, plenary_41, cher):
    candidate = services.propose_candidate(signed_41.territory, structure=cidff_41)
    cher_meeting = Meeting.objects.create(
        committee=services.local_committee(cher),
        title="Comité du Cher",
        starts_at=plenary_41.starts_at,
        place="Bourges",
        agenda="Candidatures",
    )
    future = Meeting.objects.create(
        committee=plenary_41.committee,
        title="Prochain comité",
        starts_at=datetime(2027, 1, 14, 14, 0, tzinfo=PARIS),
        place="Blois",
        agenda="Candidatures",
    )
    for meeting, error in [(None, "Indiquez la réunion"), (cher_meeting, "du territoire"), (future, "eu lieu")]:
        with pytest.raises(services.GovernanceError, match=error):
            services.act_on_candidate(candidate, "decline", meeting=meeting)


def test_accepting_needs_a_convention_that_an_amendment_can_change(loir_et_cher, cidff_41, plenary_41):
    candidate = services.propose_candidate(loir_et_cher, structure=cidff_41)
    services.act_on_candidate(candidate, "contact")
    with pytest.raises(services.GovernanceError, match="Aucune convention"):
        services.act_on_candidate(candidate, "accept", meeting=plenary_41)
    candidate.refresh_from_db()
    assert candidate.status == State.CONTACTED and candidate.amendment is None


# --- 3. COTECH SPRO and the needs of the territories ------------------------------------------------------


def test_cotech_holds_members_meetings_decisions_and_the_needs_on_its_agenda(
    client, region_admin, coordinator_41, coordinator_18, cio_member, ml_blaisois, loir_et_cher
):
    cotech = services.cotech_committee()
    assert cotech.kind == Committee.Kind.COTECH and cotech.territory is None
    services.set_committee_structures(cotech, [ml_blaisois])
    meeting = Meeting.objects.create(
        committee=cotech,
        title="COTECH SPRO",
        starts_at=datetime(2026, 12, 10, 14, 0, tzinfo=PARIS),
        place="Orléans",
        agenda="Besoins remontés par les territoires",
    )
    services.set_decisions(meeting, "Réédition des flyers")
    client.force_login(coordinator_41)
    response = client.post(
        reverse("network:need_create", args=["loir-et-cher"]),
        {"theme": "communication", "text": "Des flyers\nà jour"},
    )
    assert response.status_code == 302
    need = Need.objects.get(territory=loir_et_cher)
    assert need.raised_by == coordinator_41 and need.status == Need.Status.RAISED
    # the coordinator reads the COTECH but does not set its agenda
    assert client.get(reverse("network:cotech")).status_code == 200
    schedule = reverse("network:need_schedule", args=[need.pk])
    assert client.post(schedule, {"meeting": meeting.pk}).status_code == 403
    client.force_login(region_admin)
    assert client.post(schedule, {"meeting": meeting.pk}).status_code == 302
    meeting.refresh_from_db()
    need.refresh_from_db()
    assert need.status == Need.Status.SCHEDULED and need.meeting == meeting
    assert "Besoin du territoire Loir-et-Cher (communication) : Des flyers à jour" in meeting.agenda_items
    answer = reverse("network:need_answer", args=[need.pk])
    assert client.post(answer, {"answer": "Livraison à l'automne."}).status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.ANSWERED
    page = client.get(reverse("network:cotech")).content.decode()
    assert "Mission locale du Blaisois" in page and "Réédition des flyers" in page and "Livraison" in page
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Besoins des territoires à l" in detail and "Des flyers à jour" in detail
    # another territory's coordinator cannot raise a need for the Loir-et-Cher; a member does not see the COTECH
    client.force_login(coordinator_18)
    assert client.post(reverse("network:need_create", args=["loir-et-cher"]), {"text": "x"}).status_code == 403
    client.force_login(cio_member)
    assert client.get(reverse("network:cotech")).status_code == 403


def test_a_need_goes_only_on_a_cotech_meeting(plenary_41, loir_et_cher):
    need = services.raise_need(loir_et_cher, "tools", "Un annuaire partagé")
    with pytest.raises(services.GovernanceError, match="COTECH"):
        services.schedule_need(need, plenary_41)


def test_coordination_page_for_the_region_and_the_coordinator(
    client, region_admin, coordinator_41, cio_member, loir_et_cher, cher
):
    client.force_login(region_admin)
    page = client.get(reverse("network:coordination")).content.decode()
    assert "Loir-et-Cher" in page and "Cher" in page and "Manon Essai" in page
    client.force_login(coordinator_41)
    page = client.get(reverse("network:coordination")).content.decode()
    assert "Loir-et-Cher" in page and "Mathis Essai" not in page
    assert client.get(reverse("network:candidates_all")).status_code == 403
    client.force_login(cio_member)
    assert client.get(reverse("network:coordination")).status_code == 403


def test_demo_teams_follow_the_seeds():
    """Indre-et-Loire: a group of four Mission locale directors; Cher: a departmental coordinator and four
    bassin référents; every demo team passes the team rules."""
    from apps.network.demo import COORDINATORS

    assert [row[4] for row in COORDINATORS["indre-et-loire"]] == ["group"] * 4
    assert {row[2] for row in COORDINATORS["indre-et-loire"]} == {
        "ml-touraine",
        "ml-chinonais",
        "ml-sud-touraine",
        "ml-loire-touraine",
    }
    assert sorted(row[4] for row in COORDINATORS["cher"]) == ["bassin"] * 4 + ["departmental"]
    for rows in COORDINATORS.values():
        for role, limit in coordination.ROLE_LIMITS.items():
            assert sum(1 for row in rows if row[4] == role) <= limit
        assert all(row[5] for row in rows if row[4] == "bassin")
