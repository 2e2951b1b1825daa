"""CSV exports for the Region's finance team: one row per grant, one row per payment.

Semicolon-separated, UTF-8 with a byte order mark, amounts as "12345,67": what a French
spreadsheet opens as numbers.
"""

import io

from apps.core.spreadsheet import csv_writer

from .money import plain_euros
from .selectors import GrantSummary


def _csv(header: list[str], rows) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


GRANT_HEADER = [
    "territoire",
    "année",
    "état de la convention",
    "structure bénéficiaire",
    "SIRET",
    "votée le",
    "forfait coordination (€)",
    "enveloppe projets (€)",
    "total voté (€)",
    "versé (€)",
    "à verser, échéances générées (€)",
    "reste à verser (€)",
    "date limite du solde",
    "solde demandé le",
    "dépenses déclarées (€)",
    "demande de solde en retard",
]


def grants_csv(summaries: list[GrantSummary]) -> str:
    rows = []
    for s in summaries:
        grant, convention = s.grant, s.grant.convention
        spent = grant.spent_envelope_cents
        rows.append(
            [
                convention.territory.name,
                convention.year,
                convention.get_status_display(),
                grant.beneficiary.name,
                grant.beneficiary.siret,
                _date(grant.voted_on),
                plain_euros(grant.lump_sum_cents),
                plain_euros(grant.envelope_cents),
                plain_euros(grant.total_cents),
                plain_euros(s.paid_cents),
                plain_euros(s.scheduled_cents),
                plain_euros(s.remaining_cents),
                _date(grant.balance_deadline),
                _date(grant.balance_requested_on),
                plain_euros(spent) if spent is not None else "",
                "oui" if s.balance_overdue else "non",
            ]
        )
    return _csv(GRANT_HEADER, rows)


PAYMENT_HEADER = [
    "territoire",
    "année",
    "structure bénéficiaire",
    "SIRET",
    "versement",
    "part",
    "pourcentage",
    "montant (€)",
    "exigible le",
    "versé le",
    "référence du mandat",
]


def payments_csv(payments) -> str:
    rows = []
    for p in payments:
        convention = p.grant.convention
        rows.append(
            [
                convention.territory.name,
                convention.year,
                p.grant.beneficiary.name,
                p.grant.beneficiary.siret,
                p.get_kind_display(),
                p.get_part_display(),
                p.percent if p.percent is not None else "",
                plain_euros(p.amount_cents),
                _date(p.due_on),
                _date(p.paid_on),
                p.reference,
            ]
        )
    return _csv(PAYMENT_HEADER, rows)
