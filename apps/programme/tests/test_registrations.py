"""Registrations: capacity, waiting list promoted on cancellation (with its e-mail), re-registration, rules."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.programme import services
from apps.programme.models import Registration
from apps.programme.services import RegistrationError

from .conftest import structure_of
from .factories import SessionFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _register(session, user, **kwargs):
    return services.register(session, user, structure_of(user), **kwargs).registration


def test_third_member_is_waitlisted_then_promoted_and_emailed_when_a_seat_is_freed(forum, make_member):
    alice, bruno, chloe = make_member("alice"), make_member("bruno"), make_member("chloe")
    first, second, third = _register(forum, alice), _register(forum, bruno), _register(forum, chloe)
    assert [first.status, second.status, third.status] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert first.structure == structure_of(alice)
    assert services.waitlist_position(third) == 1
    assert [m.subject for m in mail.outbox] == [
        f"Inscription confirmée : {forum.title}",
        f"Inscription confirmée : {forum.title}",
        f"Liste d'attente : {forum.title}",
    ]
    mail.outbox.clear()

    promoted = services.cancel_registration(first, by_user=alice)

    assert promoted.pk == third.pk
    third.refresh_from_db()
    first.refresh_from_db()
    assert third.status == Status.CONFIRMED and third.promoted_at is not None
    assert first.status == Status.CANCELLED
    assert forum.registrations.filter(status=Status.CONFIRMED).count() == 2
    promotion = next(m for m in mail.outbox if m.to == [chloe.email])
    assert "Une place s'est libérée" in promotion.subject
    assert "votre inscription est confirmée" in promotion.body
    assert forum.title in promotion.body
    assert f"/programme/sessions/{forum.pk}/" in promotion.body
    assert any(m.to == [alice.email] and "Désinscription" in m.subject for m in mail.outbox)


def test_cancelling_a_waitlisted_place_promotes_nobody(forum, make_member):
    users = [make_member(n) for n in ("alice", "bruno", "chloe", "david")]
    registrations = [_register(forum, u) for u in users]
    assert services.cancel_registration(registrations[2]) is None
    registrations[3].refresh_from_db()
    assert registrations[3].status == Status.WAITLISTED
    assert services.waitlist_position(registrations[3]) == 1


def test_registering_twice_changes_nothing_and_re_registering_goes_to_the_end_of_the_queue(forum, make_member):
    alice, bruno, chloe = make_member("alice"), make_member("bruno"), make_member("chloe")
    first = _register(forum, alice)
    again = services.register(forum, alice, structure_of(alice))
    assert not again.created and again.registration.pk == first.pk
    _register(forum, bruno)
    services.cancel_registration(first)
    _register(forum, chloe)
    back = _register(forum, alice)
    assert back.pk == first.pk and back.status == Status.WAITLISTED
    assert Registration.objects.filter(session=forum, user=alice).count() == 1


def test_only_members_register_and_only_for_their_own_structure(forum, make_member, support_user, structure_b):
    alice = make_member("alice")
    with pytest.raises(RegistrationError):
        services.register(forum, alice, structure_b)
    with pytest.raises(RegistrationError):
        services.register(forum, support_user, structure_b)


def test_registrations_close_when_the_session_has_started_or_is_cancelled(tours, make_member):
    alice = make_member("alice")
    started = SessionFactory(territory=tours, starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(RegistrationError):
        _register(started, alice)
    cancelled = SessionFactory(territory=tours, status="cancelled")
    with pytest.raises(RegistrationError):
        _register(cancelled, alice)


def test_travel_expenses_are_requested_only_where_the_session_offers_them(tours, make_member):
    alice, bruno = make_member("alice"), make_member("bruno")
    with_expenses = SessionFactory(territory=tours, travel_expenses=True)
    without = SessionFactory(territory=tours, travel_expenses=False)
    assert _register(with_expenses, alice, travel_expenses=True).travel_expenses_requested
    assert not _register(without, bruno, travel_expenses=True).travel_expenses_requested


def test_a_larger_capacity_promotes_the_waiting_list(forum, make_member):
    users = [make_member(n) for n in ("alice", "bruno", "chloe", "david")]
    for user in users:
        _register(forum, user)
    mail.outbox.clear()
    forum.capacity = 3
    promoted = services.save_session(forum)
    assert [r.user for r in promoted] == [users[2]]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [users[2].email]


def test_cancelling_a_session_tells_everyone(forum, make_member):
    users = [make_member(n) for n in ("alice", "bruno", "chloe")]
    for user in users:
        _register(forum, user)
    mail.outbox.clear()
    assert services.cancel_session(forum) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert all("annulée" in m.subject for m in mail.outbox)


def test_member_registers_and_cancels_through_the_pages(client, forum, make_member):
    alice = make_member("alice")
    client.force_login(alice)
    page = client.get(reverse("programme:session", args=[forum.pk]))
    assert "M'inscrire" in page.content.decode()
    response = client.post(reverse("programme:register", args=[forum.pk]), {"structure": structure_of(alice).pk})
    assert response.status_code == 302
    page = client.get(reverse("programme:session", args=[forum.pk])).content.decode()
    assert "Votre inscription est confirmée" in page
    confirm = client.get(reverse("programme:cancel", args=[forum.pk]))
    assert "Confirmer l'annulation" in confirm.content.decode()
    client.post(reverse("programme:cancel", args=[forum.pk]))
    assert Registration.objects.get(user=alice).status == Status.CANCELLED
    mine = client.get(reverse("programme:my_registrations")).content.decode()
    assert forum.title not in mine


def test_anonymous_visitor_is_asked_to_log_in_to_register(client, forum):
    page = client.get(reverse("programme:session", args=[forum.pk])).content.decode()
    assert "Se connecter pour s&#x27;inscrire" in page or "Se connecter pour s'inscrire" in page
    response = client.post(reverse("programme:register", args=[forum.pk]))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
