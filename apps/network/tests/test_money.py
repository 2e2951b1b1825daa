"""Money is integer cents: the payment rule of the seeds and its rounding are exact."""

import pytest

from apps.network.money import balance_due, envelope_split, format_euros, parse_euros, percent_of


@pytest.mark.parametrize(
    ("envelope", "advance", "balance"),
    [(1_001, 500, 501), (1, 0, 1), (0, 0, 0), (3, 1, 2), (1_000, 500, 500), (1_234_567, 617_283, 617_284)],
)
def test_envelope_advance_is_rounded_down_and_the_balance_takes_the_rest(envelope, advance, balance):
    assert envelope_split(envelope) == (advance, balance)


def test_advance_plus_balance_is_the_envelope_exactly_for_every_cent_value():
    for envelope in [*range(0, 5_000), 999_999_999_999, 10**15 + 7]:
        advance, balance = envelope_split(envelope)
        assert advance + balance == envelope
        assert advance == envelope // 2 and balance - advance in (0, 1)
        assert isinstance(advance, int) and isinstance(balance, int)


def test_lump_sum_is_paid_in_full():
    assert percent_of(1_001, 100) == 1_001
    assert percent_of(999, 50) == 499


def test_balance_follows_the_spending_capped_at_the_envelope():
    assert balance_due(1_001, None) == 501  # not reported: the full balance
    assert balance_due(1_001, 1_001) == 501
    assert balance_due(1_001, 5_000) == 501  # over-spending does not raise the grant
    assert balance_due(1_001, 700) == 200  # 700 spent - 500 advanced
    assert balance_due(1_001, 300) == 0  # less than the advance: nothing more to pay


def test_percent_rejects_nonsense():
    with pytest.raises(ValueError):
        percent_of(-1, 50)
    with pytest.raises(ValueError):
        percent_of(100, 101)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12 345,67", 1_234_567),
        ("12345.67", 1_234_567),
        ("8 000", 800_000),
        ("0,5", 50),
        ("10\u202f000,01 €", 1_000_001),
    ],
)
def test_parse_euros(text, cents):
    assert parse_euros(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "12,345", "1.2.3", "-5", "1,234.56"])
def test_parse_euros_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError):
        parse_euros(text)


def test_format_euros_in_french():
    assert format_euros(1_234_567) == "12\u202f345,67\u00a0€"
    assert format_euros(5) == "0,05\u00a0€"
    assert format_euros(0, symbol=False) == "0,00"
