"""Retention of each kind of data, applied by the scheduled purge (run_scheduled_jobs → purge_personal_data).

One row per kind of data: it is kept the day before its retention ends and gone the day after.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from apps.accounts.models import User
from apps.orientation import personal_data
from apps.orientation.models import ContactAccessLog, Referral, ReferralContact
from apps.orientation.services import apply_transition
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 2, 3, 8, 30, tzinfo=UTC)


def _closed(ctx):
    referral = ctx["make_referral"](need="Lou, 06 00 00 00 01")
    apply_transition(referral.pk, "accept", ctx["ml_counsellor"])
    apply_transition(referral.pk, "close", ctx["ml_counsellor"], outcome="helped", note="Lou rappelée")
    return referral


def _open(ctx):
    return ctx["make_referral"](need="Lou, 06 00 00 00 01")


def _logged(ctx):
    return ContactAccessLog.objects.create(referral=ctx["make_referral"](), user=ctx["ml_counsellor"])


def _deactivated(ctx):
    user = UserFactory(email="parti@test.spro.example", is_active=False)
    assert user.deactivated_at == T0
    return user


def _deactivated_coordinator(ctx):
    from apps.network.tests.factories import CoordinatorFactory

    user = CoordinatorFactory(school_year=2025).user
    user.is_active = False
    user.save()
    return user


def _login_logged(ctx):
    from axes.models import AccessLog

    return AccessLog.objects.create(username="membre@test.spro.example", ip_address="192.0.2.1", user_agent="test")


def _contact_kept(referral):
    return ReferralContact.objects.filter(referral=referral).exists()


def _need_kept(referral):
    return Referral.objects.get(pk=referral.pk).need != ""


def _note_kept(referral):
    return referral.events.exclude(note="").exists()


def _account_kept(user):
    return User.objects.filter(pk=user.pk, email=user.email).exists()


RETENTION = [
    # kind of data, how it is made at T0, is it still there?, setting that gives its retention in days
    ("coordonnées, fiche clôturée", _closed, _contact_kept, "SPRO_CONTACT_RETENTION_DAYS"),
    ("besoin exprimé, fiche clôturée", _closed, _need_kept, "SPRO_CONTACT_RETENTION_DAYS"),
    ("précision d'étape, fiche clôturée", _closed, _note_kept, "SPRO_CONTACT_RETENTION_DAYS"),
    ("coordonnées, fiche restée ouverte", _open, _contact_kept, "SPRO_CONTACT_MAX_DAYS"),
    ("besoin exprimé, fiche restée ouverte", _open, _need_kept, "SPRO_CONTACT_MAX_DAYS"),
    ("journal des accès", _logged, lambda log: ContactAccessLog.objects.filter(pk=log.pk).exists(),
     "SPRO_ACCESS_LOG_RETENTION_DAYS"),
    ("journal des connexions", _login_logged, lambda log: type(log).objects.filter(pk=log.pk).exists(),
     "SPRO_LOGIN_LOG_RETENTION_DAYS"),
    ("compte désactivé", _deactivated, _account_kept, "SPRO_ACCOUNT_RETENTION_DAYS"),
    ("compte désactivé lié à une désignation", _deactivated_coordinator, _account_kept, "SPRO_ACCOUNT_RETENTION_DAYS"),
]  # fmt: skip


@pytest.mark.parametrize("kind, make, still_there, setting", RETENTION, ids=[row[0] for row in RETENTION])
def test_each_kind_of_data_is_kept_until_its_retention_ends(
    kind, make, still_there, setting, make_referral, ml_counsellor
):
    days = getattr(settings, setting)
    with time_machine.travel(T0, tick=False) as clock:
        item = make({"make_referral": make_referral, "ml_counsellor": ml_counsellor})
        clock.move_to(T0 + timedelta(days=days - 1))
        call_command("purge_personal_data")
        assert still_there(item), f"{kind} effacé avant {days} jours"
        clock.move_to(T0 + timedelta(days=days, minutes=1))
        call_command("purge_personal_data")
        assert not still_there(item), f"{kind} encore là après {days} jours"


def test_the_scheduled_jobs_include_the_purge():
    from apps.core.management.commands.run_scheduled_jobs import JOBS

    assert "purge_personal_data" in JOBS


def test_an_account_that_history_needs_is_anonymised_not_deleted(make_referral, ml_counsellor):
    with time_machine.travel(T0, tick=False) as clock:
        user = _deactivated_coordinator({})
        clock.move_to(T0 + timedelta(days=settings.SPRO_ACCOUNT_RETENTION_DAYS + 1))
        call_command("purge_personal_data")
    user.refresh_from_db()
    assert (user.email, user.first_name, user.has_usable_password()) == (
        f"compte-{user.pk}@anonyme.invalid",
        "",
        False,
    )
    assert user.coordinator_roles.count() == 1 and user.anonymised_at is not None


def test_reactivating_an_account_stops_the_clock(make_referral, ml_counsellor):
    with time_machine.travel(T0, tick=False) as clock:
        user = _deactivated({})
        user.is_active = True
        user.save()
        assert user.deactivated_at is None
        clock.move_to(T0 + timedelta(days=settings.SPRO_ACCOUNT_RETENTION_DAYS + 1))
        call_command("purge_personal_data")
    assert User.objects.filter(pk=user.pk).exists()


def test_the_purge_command_reports_each_retention(make_referral, capsys):
    with time_machine.travel(T0, tick=False) as clock:
        make_referral(need="Lou")
        clock.move_to(T0 + timedelta(days=400))
        call_command("purge_personal_data")
    out = capsys.readouterr().out
    assert "effacés pour 1 fiche(s)" in out and "Journal des accès : 0" in out and "0 supprimé(s)" in out
    assert personal_data.with_personal_data().count() == 0
