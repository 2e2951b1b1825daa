"""The referral state machine, exhaustively: every state × action × side, against a declared table.

The table below is the README's ("Fiche navette : les étapes et qui les franchit"), which a test
here reads back, so the README, this table and the code cannot drift apart. A new state or action
without its row and column fails `test_the_table_covers_every_state_and_action`.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.orientation import services
from apps.orientation.models import Referral, ReferralEvent

S = Referral.State
SIDES = {"R": "receiver", "S": "sender"}

# Which side may apply each action from each state: R receiver, S sender, "." nobody.
GRID = """
state             accept decline contacted schedule appointment_held no_show close cancel
sent              R      R       .         .        .                .       .     S
received          R      R       .         .        .                .       .     S
accepted          .      .       R         R        R                R       R     S
declined          .      .       .         .        .                .       .     .
contacted         .      .       .         R        R                R       R     .
appointment_held  .      .       .         .        .                .       R     .
no_show           .      .       R         R        .                .       R     .
closed            .      .       .         .        .                .       .     .
cancelled         .      .       .         .        .                .       .     .
"""
TARGET = {
    "accept": S.ACCEPTED,
    "decline": S.DECLINED,
    "contacted": S.CONTACTED,
    "schedule": S.CONTACTED,  # fixing the first appointment means the person was reached
    "appointment_held": S.APPOINTMENT_HELD,
    "no_show": S.NO_SHOW,
    "close": S.CLOSED,
    "cancel": S.CANCELLED,
}
# Valid details for every action that needs some (decline, close, cancel, schedule).
DETAILS = {"reason": "no_capacity", "outcome": "helped", "note": "La personne a trouvé ailleurs."}
# Opening the referral (services.mark_received): only the receiver, only from "sent".
OPEN = {(S.SENT, "receiver"): S.RECEIVED}


def _grid() -> dict[tuple[str, str], str | None]:
    header, *rows = [line.split() for line in GRID.strip().splitlines()]
    return {(row[0], action): SIDES.get(cell) for row in rows for action, cell in zip(header[1:], row[1:], strict=True)}


ALLOWED = _grid()
STATES = list(S.values)
ACTIONS = list(TARGET)
USERS = {"receiver": "ml_counsellor", "sender": "bij_officer", "other_structure": "outsider"}


def test_the_table_covers_every_state_and_action():
    assert sorted({state for state, _ in ALLOWED}) == sorted(STATES)
    assert sorted({action for _, action in ALLOWED}) == sorted(services.TRANSITIONS) == sorted(TARGET)
    finals = {state for state in STATES if not any(ALLOWED[(state, a)] for a in ACTIONS)}
    assert finals == set(Referral.FINAL_STATES) == {t for t in TARGET.values() if t in finals}


def _readme_table() -> dict[str, tuple[set[str], str, str]]:
    """README rows: action label → (source labels, target label, side word)."""
    text = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = text.split("#### Fiche navette : les étapes et qui les franchit", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| action")]
    table = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if set(cells[0]) != {"-"}:
            table[cells[0]] = ({s.strip() for s in re.split(r",\s*", cells[1])}, cells[2], cells[3])
    return table


def test_the_readme_table_is_this_table():
    label = dict(S.choices)
    side_word = {"receiver": "destinataire", "sender": "envoyeuse"}
    expected = {"Ouvrir la fiche": ({label[S.SENT]}, label[S.RECEIVED], "destinataire")}
    for action, transition in services.TRANSITIONS.items():
        sources = {label[state] for state in STATES if ALLOWED[(state, action)]}
        sides = {ALLOWED[(state, action)] for state in STATES} - {None}
        assert len(sides) == 1, f"{action}: one side per action"
        expected[transition.label] = (sources, label[TARGET[action]], side_word[sides.pop()])
    assert _readme_table() == expected


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Three accounts per case and about 250 cases: the default hasher would cost minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def referral_in(make_referral):
    def make(state):
        referral = make_referral()
        Referral.objects.filter(pk=referral.pk).update(state=state)
        referral.refresh_from_db()
        return referral

    return make


@pytest.mark.parametrize("side", USERS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_transition_table(request, referral_in, state, action, side):
    user = request.getfixturevalue(USERS[side])
    referral = referral_in(state)
    allowed = ALLOWED[(state, action)] == side
    assert (action in dict(services.available_actions(user, referral))) is allowed
    events = ReferralEvent.objects.filter(referral=referral).count()
    details = DETAILS | {"appointment_at": timezone.now() + timedelta(days=2)}
    if allowed:
        services.apply_transition(referral.pk, action, user, **details)
        referral.refresh_from_db()
        assert referral.state == TARGET[action]
        assert (referral.closed_at is not None) is (referral.state in Referral.FINAL_STATES)
        event = ReferralEvent.objects.filter(referral=referral).latest("pk")
        assert (event.from_state, event.to_state, event.actor) == (state, TARGET[action], user)
    else:
        with pytest.raises((PermissionDenied, services.TransitionError)):
            services.apply_transition(referral.pk, action, user, **details)
        referral.refresh_from_db()
        assert referral.state == state
        assert ReferralEvent.objects.filter(referral=referral).count() == events


@pytest.mark.parametrize("side", USERS)
@pytest.mark.parametrize("state", STATES)
def test_opening_marks_received_only_by_the_receiver_from_sent(request, referral_in, state, side):
    user = request.getfixturevalue(USERS[side])
    referral = referral_in(state)
    services.mark_received(referral, user)
    referral.refresh_from_db()
    assert referral.state == OPEN.get((state, side), state)
    received = ReferralEvent.objects.filter(referral=referral, to_state=S.RECEIVED)
    assert received.exists() is ((state, side) in OPEN)


def test_the_sender_opening_its_own_referral_through_the_page_leaves_it_sent(client, make_referral, bij_officer):
    referral = make_referral()
    client.force_login(bij_officer)
    assert client.get(referral.get_absolute_url()).status_code == 200
    referral.refresh_from_db()
    assert referral.state == S.SENT
