"""The edges of the balance request rule: the deadline day itself, and only one balance per grant."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.network import services


def _report():
    return SimpleUploadedFile("depenses.pdf", b"%PDF-1.4 test", content_type="application/pdf")


@pytest.mark.parametrize(("days_after_deadline", "accepted"), [(-1, True), (0, True), (1, False)])
def test_the_balance_may_be_requested_up_to_the_deadline_day_included(signed_41, days_after_deadline, accepted):
    grant = signed_41.grant
    on = grant.balance_deadline + timedelta(days=days_after_deadline)
    if accepted:
        assert services.request_balance(grant, on, 1_001, _report()).due_on == on
    else:
        with pytest.raises(services.GovernanceError, match="date limite"):
            services.request_balance(grant, on, 1_001, _report())


def test_a_second_balance_request_is_refused_with_a_french_message(signed_41):
    grant = signed_41.grant
    services.request_balance(grant, grant.balance_deadline, 700, _report())
    with pytest.raises(services.GovernanceError, match="Le solde a déjà été demandé"):
        services.request_balance(grant, grant.balance_deadline, 1_001, _report())
    assert grant.payments.filter(kind="balance").get().amount_cents == 200
