"""Routing to the 2nd door: referrals (fiches navettes) sent in the period and what became of them.

Every count is a cohort: the referrals *sent* in the period, followed to the step they reached. `side`
says whose referrals: "sent" by the structures in scope (as 1st door) or "received" by them (2nd door).
"""

from collections import Counter

from django.db.models import Count

from apps.orientation.models import Referral

from ..filters import IndicatorFilter
from .base import Median, Ratio, delay_histogram, median_of, pair_counts, referral_cube, referral_months, sum_dimension

S = Referral.State
STEPS = ("total", "received", "accepted", "declined", "contacted", "appointment_held", "no_show", "closed", "cancelled")
DELAYS = ("delay_ack", "delay_answer", "delay_contact", "delay_appointment")
OPEN_UNANSWERED = (S.SENT, S.RECEIVED)


def referral_steps(f: IndicatorFilter, side: str = "received") -> dict[str, int]:
    """DP-1 to DP-6: referrals sent in the period ("total") and how many reached each step."""
    cube = referral_cube(f, side)
    reached = sum_dimension(cube, "reached")
    counts = {"total": sum_dimension(cube, "total")[""]}
    counts.update({step: reached.get(step, 0) for step in STEPS[1:]})
    return counts


def referral_rates(f: IndicatorFilter, side: str = "received") -> dict[str, Ratio]:
    """Acceptance, decline, contact, first appointment, no-show and closed-loop rates (DP-3, DP-5, DP-6, DP-7)."""
    steps = referral_steps(f, side)
    closed_loop = sum_dimension(referral_cube(f, side), "closed_loop")[""]
    return {
        "acceptance": Ratio(steps["accepted"], steps["total"]),
        "decline": Ratio(steps["declined"], steps["total"]),
        "contact": Ratio(steps["contacted"], steps["accepted"]),
        "appointment": Ratio(steps["appointment_held"], steps["accepted"]),
        "no_show": Ratio(steps["no_show"], steps["appointment_held"] + steps["no_show"]),
        "closed_loop": Ratio(closed_loop, steps["total"] - steps["cancelled"]),
    }


def decline_reasons(f: IndicatorFilter, side: str = "received") -> dict[str, int]:
    """DP-4: declined referrals by reason."""
    return dict(sum_dimension(referral_cube(f, side), "decline_reason"))


def outcomes(f: IndicatorFilter, side: str = "received") -> dict[str, int]:
    """DP-7 detail: closed referrals by outcome."""
    return dict(sum_dimension(referral_cube(f, side), "outcome"))


def origins(f: IndicatorFilter, side: str = "received") -> dict[str, int]:
    return dict(sum_dimension(referral_cube(f, side), "origin"))


def median_delays(f: IndicatorFilter, side: str = "received") -> dict[str, Median]:
    """DP-8: median calendar days from sending to acknowledgement, to the answer, acceptance to contact,
    sending to the first appointment held."""
    return {delay: median_of(delay_histogram(f, side, delay)) for delay in DELAYS}


def referrals_by(f: IndicatorFilter, per: str, side: str = "received") -> dict:
    """DP-1 broken down by month, structure, network or territory of the side's structure."""
    if per == "month":
        by_month: Counter = Counter()
        for (month, _structure), n in referral_months(f, side).items():
            by_month[month] += n
        return {month: by_month.get(month, 0) for month in f.period.months}
    return dict(sum_dimension(referral_cube(f, side), "total", "", per=per, f=f))


def steps_by(f: IndicatorFilter, per: str, side: str = "received") -> dict:
    """Sent, accepted, declined and closed-loop referrals per structure, network or territory."""
    cube = referral_cube(f, side)
    totals = sum_dimension(cube, "total", "", per=per, f=f)
    accepted = sum_dimension(cube, "reached", "accepted", per=per, f=f)
    declined = sum_dimension(cube, "reached", "declined", per=per, f=f)
    cancelled = sum_dimension(cube, "reached", "cancelled", per=per, f=f)
    closed_loop = sum_dimension(cube, "closed_loop", "", per=per, f=f)
    answer = {}
    for key, n in totals.items():
        answer[key] = {
            "total": n,
            "accepted": accepted.get(key, 0),
            "declined": declined.get(key, 0),
            "closed_loop": Ratio(closed_loop.get(key, 0), n - cancelled.get(key, 0)),
        }
    return answer


def overdue(f: IndicatorFilter, side: str = "received", per: str | None = None):
    """DP-9: referrals still unanswered (sent or read) past their answer deadline, today, whatever the period."""
    column = "receiver_structure_id" if side == "received" else "sender_structure_id"
    qs = Referral.objects.filter(state__in=OPEN_UNANSWERED, deadline__lt=f.today).order_by()
    ids = f.structure_ids
    if ids is not None:
        qs = qs.filter(**{f"{column}__in": sorted(ids)})
    rows = qs.values(column).annotate(n=Count("id")).values_list(column, "n")
    if per is None:
        return sum(n for _structure, n in rows)
    result: Counter = Counter()
    for structure_id, n in rows:
        info = f.structures.get(structure_id)
        key = structure_id if per == "structure" else getattr(info, f"{per}_id", None)
        result[key] += n
    return dict(result)


def network_flows(f: IndicatorFilter) -> dict[tuple, int]:
    """DP-10: referrals from the sender's network to the receiver's network (None: no network).

    Counts every referral sent or received by a structure in scope over the period.
    """
    flows: Counter = Counter()
    structures = f.structures
    for (sender, receiver), n in pair_counts(f).items():
        if not (f.in_scope(sender) or f.in_scope(receiver)):
            continue
        sender_network = structures[sender].network_id if sender in structures else None
        receiver_network = structures[receiver].network_id if receiver in structures else None
        flows[(sender_network, receiver_network)] += n
    return dict(flows)


def median_delay_by(f: IndicatorFilter, delay: str, per: str, side: str = "received") -> dict:
    """DP-8 for one delay, per structure, network or territory of the side's structure."""
    return {key: median_of(histogram) for key, histogram in delay_histogram(f, side, delay, per).items()}
