"""The convention workflow, its grants and payments, amendments, reminders and history."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.network import exports, selectors, services
from apps.network.history import convention_history
from apps.network.models import Convention, GrantPayment, Signatory

pytestmark = pytest.mark.django_db


def test_a_draft_becomes_sent_then_signed_by_all_and_in_force_on_its_start_date(convention_41, region_admin):
    assert convention_41.status == "sent" and convention_41.sent_on == date(2026, 10, 1)
    first, second = convention_41.signatories.order_by("pk")
    services.record_signatures(convention_41, {first.pk: date(2026, 11, 2)}, by=region_admin, today=date(2026, 11, 3))
    convention_41.refresh_from_db()
    assert convention_41.status == "sent"  # one signature is still awaited
    services.record_signatures(convention_41, {second.pk: date(2026, 11, 5)}, by=region_admin, today=date(2026, 11, 6))
    convention_41.refresh_from_db()
    assert convention_41.status == "signed" and convention_41.signed_on == date(2026, 11, 5)
    services.refresh_status(convention_41, today=date(2027, 1, 1))
    assert convention_41.status == "in_force"
    services.refresh_status(convention_41, today=date(2028, 1, 1))
    assert convention_41.status == "expired"


def test_rules_of_the_workflow(loir_et_cher, ml_blaisois, convention_41, region_admin):
    with pytest.raises(services.GovernanceError):
        services.create_convention(loir_et_cher, 2027)  # one convention per territory and year
    with pytest.raises(services.GovernanceError):
        services.add_signatories(convention_41, [ml_blaisois], "member")  # sent: partners join by amendment
    draft = services.create_convention(loir_et_cher, 2028)
    assert (draft.start_date, draft.end_date) == (date(2028, 1, 1), date(2028, 12, 31))
    with pytest.raises(services.GovernanceError):
        services.send_for_signature(draft)  # no signatory yet
    signatory = convention_41.signatories.first()
    with pytest.raises(services.GovernanceError):
        services.record_signatures(convention_41, {signatory.pk: date(2099, 1, 1)}, today=date(2026, 11, 1))


def test_payments_on_receipt_of_the_signed_convention_are_exact_for_odd_cents(signed_41):
    grant = signed_41.grant
    assert (grant.lump_sum_cents, grant.envelope_cents) == (1_001, 1_001)
    payments = {(p.kind, p.part): p for p in grant.payments.all()}
    assert set(payments) == {("advance", "lump_sum"), ("advance", "envelope")}
    assert payments["advance", "lump_sum"].amount_cents == 1_001  # 100 % of the lump sum
    assert payments["advance", "envelope"].amount_cents == 500  # 50 % of 1 001, rounded down
    assert all(p.due_on == date(2026, 11, 5) for p in payments.values())
    summary = selectors.grant_summary(grant, today=date(2026, 11, 10))
    assert (summary.paid_cents, summary.scheduled_cents, summary.remaining_cents) == (0, 1_501, 2_002)


def test_balance_request_pays_the_rest_so_that_everything_adds_up(signed_41, region_admin, coordinator_41):
    grant = signed_41.grant
    for payment in grant.payments.all():
        services.mark_paid(payment, date(2026, 12, 1), "M-1", by=region_admin)
    report = SimpleUploadedFile("depenses.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    balance = services.request_balance(grant, date(2028, 3, 1), 1_001, report, by=coordinator_41)
    assert balance.amount_cents == 501
    services.mark_paid(balance, date(2028, 4, 1), by=region_admin)
    total_paid = sum(p.amount_cents for p in grant.payments.all())
    assert total_paid == grant.lump_sum_cents + grant.envelope_cents == 2_002
    summary = selectors.grant_summary(grant)
    assert summary.remaining_cents == 0 and not summary.balance_overdue


def test_balance_is_refused_after_the_deadline_and_overdue_is_reported(signed_41, coordinator_41):
    grant = signed_41.grant
    report = SimpleUploadedFile("depenses.pdf", b"%PDF-1.4 test")
    with pytest.raises(services.GovernanceError, match="date limite"):
        services.request_balance(grant, date(2028, 7, 1), 1_001, report)
    assert selectors.is_balance_overdue(grant, today=date(2028, 7, 1))
    assert not selectors.is_balance_overdue(grant, today=date(2028, 6, 30))


def test_partial_spending_lowers_the_balance_and_what_remains(signed_41):
    grant = signed_41.grant
    services.request_balance(grant, date(2028, 1, 10), 700, SimpleUploadedFile("d.pdf", b"x"))
    assert grant.payments.get(kind="balance").amount_cents == 200
    assert selectors.grant_summary(grant).remaining_cents == 1_001 + 500 + 200


def test_a_grant_saved_after_the_signatures_generates_its_advances(loir_et_cher, ml_blaisois, region_admin):
    from .factories import GrantFactory

    convention = services.create_convention(loir_et_cher, 2026, by=region_admin)
    services.add_signatories(convention, [ml_blaisois], "member", by=region_admin)
    services.send_for_signature(convention, on=date(2026, 1, 5))
    services.record_signatures(convention, {convention.signatories.get().pk: date(2026, 1, 20)}, today=date(2026, 2, 1))
    grant = services.save_grant(GrantFactory.build(convention=convention, beneficiary=ml_blaisois, envelope_cents=3))
    assert sorted(grant.payments.values_list("amount_cents", flat=True)) == [1, 800_000]
    grant.envelope_cents = 5  # unpaid advances follow a change of amounts
    services.save_grant(grant)
    assert grant.payments.get(part="envelope").amount_cents == 2
    services.mark_paid(grant.payments.get(part="envelope"), date(2026, 3, 1))
    grant.envelope_cents = 7
    with pytest.raises(services.GovernanceError):
        services.save_grant(grant)


def test_an_amendment_adds_and_removes_partners_with_its_own_signatures(signed_41, cio_blois, cidff_41, region_admin):
    amendment = services.create_amendment(
        signed_41, "Entrée du CIDFF, départ du CIO", adds=[(cidff_41, "resource_partner")], removes=[cio_blois]
    )
    assert amendment.number == 1 and amendment.status == "draft"
    services.send_amendment(amendment, by=region_admin, on=date(2026, 12, 1))
    assert set(amendment.signatures.values_list("structure__slug", flat=True)) == {
        "ml-blaisois",
        "cio-blois",
        "cidff-41",
    }
    dates = {s.pk: date(2026, 12, 10) for s in amendment.signatures.all()}
    services.record_amendment_signatures(amendment, dates, by=region_admin, today=date(2026, 12, 11))
    amendment.refresh_from_db()
    assert amendment.status == "signed"
    cidff = Signatory.objects.get(convention=signed_41, structure=cidff_41)
    assert (cidff.role, cidff.signed_on, cidff.added_by) == ("resource_partner", date(2026, 12, 10), amendment)
    cio = Signatory.objects.get(convention=signed_41, structure=cio_blois)
    assert cio.removed_on == date(2026, 12, 10) and cio.removed_by == amendment
    assert list(signed_41.active_signatories.values_list("structure__slug", flat=True).order_by("structure__slug")) == [
        "cidff-41",
        "ml-blaisois",
    ]
    with pytest.raises(services.GovernanceError):
        services.create_amendment(signed_41, "Deux fois", adds=[(cidff_41, "member")])


def test_reminders_go_to_the_structures_that_have_not_signed(convention_41, cio_member, ml_blaisois, region_admin):
    ml_blaisois.email = "contact@ml-blaisois.test"
    ml_blaisois.save()
    signatories = {s.structure.slug: s for s in convention_41.signatories.select_related("structure")}
    services.record_signatures(convention_41, {signatories["cio-blois"].pk: date(2026, 10, 5)}, today=date(2026, 10, 6))
    history_before = Signatory.history.count()
    assert services.send_signature_reminders(convention_41) == 1
    assert [m.to for m in mail.outbox] == [["contact@ml-blaisois.test"]]
    assert "Mission locale du Blaisois" in mail.outbox[0].body and "Loir-et-Cher 2027" in mail.outbox[0].subject
    assert Signatory.objects.get(pk=signatories["ml-blaisois"].pk).last_reminder_at is not None
    assert Signatory.history.count() == history_before  # a reminder is not a change of the convention
    rows = selectors.pending_signatures(Convention.objects.all())
    assert [[w.structure.slug for w in row["waiting"]] for row in rows] == [["ml-blaisois"]]


def test_history_records_each_change_with_who_when_before_and_after(signed_41, region_admin, coordinator_41):
    grant = signed_41.grant
    services.mark_paid(grant.payments.get(part="lump_sum"), date(2026, 12, 1), "M-7", by=region_admin)
    convention = Convention.objects.get(pk=signed_41.pk)
    convention.notes = "Relue par le territoire"
    services.common.save_as(convention, coordinator_41)
    history = convention_history(convention)
    whats = [(e.action, e.what.split(" — ")[0]) for e in history]
    assert ("Création", "Convention") in whats and ("Création", "Signataire") in whats
    assert ("Création", "Subvention") in whats and ("Création", "Versement") in whats
    status_change = next(e for e in history if ("état", "Envoyée pour signature", "Signée par tous") in e.changes)
    assert status_change.who == region_admin
    notes = next(e for e in history if any(label == "observations" for label, _, _ in e.changes))
    assert notes.who == coordinator_41 and ("observations", "—", "Relue par le territoire") in notes.changes
    paid = next(e for e in history if any(label == "versé le" for label, _, _ in e.changes))
    assert ("versé le", "—", "01/12/2026") in paid.changes and paid.who == region_admin
    signature = next(e for e in history if any(label == "signée le" for label, _, _ in e.changes))
    assert signature.who == region_admin and signature.when is not None
    assert GrantPayment.history.filter(history_user=region_admin).exists()


def test_finance_exports_list_grants_and_payments(signed_41):
    summaries = selectors.grant_summaries(selectors.visible_grants(type("U", (), {"is_region_admin": True})()))
    text = exports.grants_csv(summaries)
    assert text.startswith("\ufeffterritoire;année;")
    line = text.splitlines()[1].split(";")
    assert line[:2] == ["Loir-et-Cher", "2027"]
    assert line[6:9] == ["10,01", "10,01", "20,02"]
    payments = exports.payments_csv(GrantPayment.objects.all())
    assert "Avance;Forfait coordination;100;10,01;05/11/2026" in payments
    assert "Avance;Enveloppe projets;50;5,00;05/11/2026" in payments
