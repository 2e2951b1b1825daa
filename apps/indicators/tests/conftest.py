"""A small hand-built region: two territories, four structures, eight receptions and six referrals in 2025.

Every expected value in the tests is counted by hand from the lists below, not recomputed by the app.

Territory T1 (communes C1: 1 000 inhabitants, C2: 3 000), territory T2 (C3: 2 000).
Structures: A (T1, network N1), B (T1, N2), C (T2, N1), D (T1, N2, no activity).

Receptions (structure, date, channel, age band, sex, status, commune, actions, themes):
  r1 A 2025-01-10 on_site  16_25    f  s1  C1  information                 t1
  r2 A 2025-01-20 phone    16_25    m  s1  C1  information, referred       t1 t2
  r3 A 2025-02-05 on_site  26_44    f  s2  C2  documentation               t2
  r4 A 2025-02-06 email    unknown  -  -   -   information, appointment    -
  r5 A 2025-03-01 on_site  45_plus  f  s2  C3  information, referred       t1
  r6 B 2025-01-15 on_site  16_25    m  s1  C2  information, referred       t1
  r7 B 2025-03-20 event    under_16 f  s1  C1  documentation               t2
  r8 C 2025-02-10 phone    26_44    m  s2  C3  (nothing recorded)          t1
  r9 A 2024-12-31 on_site  (outside 2025)

Referrals (sent at, then the steps and when they happened; deadline = sent + 7 days):
  f1 A→B 2025-01-20 10:00  received 01-21, accepted 01-22, contacted 01-24, appointment_held 01-30,
                           closed 02-05 (helped)
  f2 A→B 2025-03-01 09:00  received 03-03, declined 03-04 (no_capacity)
  f3 B→A 2025-01-15 11:00  accepted 01-15 15:00, contacted 01-16, no_show 01-20
  f4 A→C 2025-02-10 10:00  nothing (still "sent")
  f5 call-back → B, theme t1, 2025-02-20 10:00  received 02-21
  f6 A→B 2025-03-05 10:00  cancelled 03-06
  f7 A→B 2024-12-20 (outside 2025)

Services (today = 2025-06-15, verified within 183 days = since 2024-12-14): A: 2025-05-01, 2024-10-01;
B: never; C: 2025-06-01 and an inactive one; D: 2025-01-01.
Assistant counters: 2025-01-05 t1 T1 ×3, 2025-02-01 t2 T1 ×2, 2025-03-01 t1 T2 ×4, 2024-12-31 t1 T1 ×10.
"""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from apps.directory.models import Network, Service, Status, Structure, Theme
from apps.geo.models import Commune, Departement, Region, Territory
from apps.indicators.filters import IndicatorFilter, Period
from apps.indicators.models import AssistantSearchLog
from apps.indicators.refresh import refresh_indicators
from apps.orientation.models import Reception, Referral, ReferralEvent

TODAY = date(2025, 6, 15)
YEAR = Period.year(2025)


def at(day: str, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(f"{day}T{hour:02d}:00:00"))


class Data:
    """Attribute bag of the objects the tests refer to."""


@pytest.fixture
def data(db):
    d = Data()
    region = Region.objects.create(code="24", name="Centre-Val de Loire")
    dep = Departement.objects.create(code="41", name="Loir-et-Cher", region=region)
    d.c1 = Commune.objects.create(code="41001", name="Un", departement=dep, population=1000)
    d.c2 = Commune.objects.create(code="41002", name="Deux", departement=dep, population=3000)
    d.c3 = Commune.objects.create(code="41003", name="Trois", departement=dep, population=2000)
    d.t1 = Territory.objects.create(code="t1", name="Territoire un", kind="bassin", departement=dep)
    d.t2 = Territory.objects.create(code="t2", name="Territoire deux", kind="bassin", departement=dep)
    d.t1.communes.set([d.c1, d.c2])
    d.t2.communes.set([d.c3])
    d.n1 = Network.objects.create(code="n1", label="Réseau un", position=1)
    d.n2 = Network.objects.create(code="n2", label="Réseau deux", position=2)
    d.a = Structure.objects.create(slug="a", name="Structure A", network=d.n1, territory=d.t1)
    d.b = Structure.objects.create(slug="b", name="Structure B", network=d.n2, territory=d.t1)
    d.c = Structure.objects.create(slug="c", name="Structure C", network=d.n1, territory=d.t2)
    d.d = Structure.objects.create(slug="d", name="Structure D", network=d.n2, territory=d.t1)
    d.s1 = Status.objects.create(code="s1", label="Situation un", position=1)
    d.s2 = Status.objects.create(code="s2", label="Situation deux", position=2)
    d.th1 = Theme.objects.create(code="t1", label="Thème un", position=1)
    d.th2 = Theme.objects.create(code="t2", label="Thème deux", position=2)

    receptions = [
        (d.a, "2025-01-10", "on_site", "16_25", "f", d.s1, d.c1, ["information"], [d.th1]),
        (d.a, "2025-01-20", "phone", "16_25", "m", d.s1, d.c1, ["information", "referred"], [d.th1, d.th2]),
        (d.a, "2025-02-05", "on_site", "26_44", "f", d.s2, d.c2, ["documentation"], [d.th2]),
        (d.a, "2025-02-06", "email", "unknown", "", None, None, ["information", "appointment"], []),
        (d.a, "2025-03-01", "on_site", "45_plus", "f", d.s2, d.c3, ["information", "referred"], [d.th1]),
        (d.b, "2025-01-15", "on_site", "16_25", "m", d.s1, d.c2, ["information", "referred"], [d.th1]),
        (d.b, "2025-03-20", "event", "under_16", "f", d.s1, d.c1, ["documentation"], [d.th2]),
        (d.c, "2025-02-10", "phone", "26_44", "m", d.s2, d.c3, [], [d.th1]),
        (d.a, "2024-12-31", "on_site", "16_25", "f", d.s1, d.c1, ["information"], [d.th1]),
    ]
    for structure, day, channel, age, sex, status, commune, actions, themes in receptions:
        reception = Reception.objects.create(
            structure=structure,
            date=date.fromisoformat(day),
            channel=channel,
            age_band=age,
            sex=sex,
            status=status,
            commune=commune,
            actions=actions,
        )
        reception.themes.set(themes)

    def referral(sender, receiver, sent, steps, *, origin="reception", reason="", outcome="", theme=None):
        sent_at = at(*sent) if isinstance(sent, tuple) else at(sent)
        state = steps[-1][0] if steps else "sent"
        made = Referral.objects.create(
            origin=origin,
            sender_structure=sender,
            receiver_structure=receiver,
            state=state,
            transmission_consent=True,
            deadline=timezone.localdate(sent_at) + timedelta(days=7),
            decline_reason=reason,
            outcome=outcome,
            theme=theme,
        )
        Referral.objects.filter(pk=made.pk).update(sent_at=sent_at)
        previous = ""
        moments = [("sent", sent_at)] + [(s, at(*m) if isinstance(m, tuple) else at(m)) for s, m in steps]
        for to_state, moment in moments:
            event = ReferralEvent.objects.create(referral=made, from_state=previous, to_state=to_state)
            ReferralEvent.objects.filter(pk=event.pk).update(at=moment)
            previous = to_state
        return made

    d.f1 = referral(
        d.a,
        d.b,
        "2025-01-20",
        [
            ("received", "2025-01-21"),
            ("accepted", "2025-01-22"),
            ("contacted", "2025-01-24"),
            ("appointment_held", "2025-01-30"),
            ("closed", "2025-02-05"),
        ],
        outcome="helped",
    )
    d.f2 = referral(
        d.a, d.b, ("2025-03-01", 9), [("received", "2025-03-03"), ("declined", "2025-03-04")], reason="no_capacity"
    )
    d.f3 = referral(
        d.b,
        d.a,
        ("2025-01-15", 11),
        [("accepted", ("2025-01-15", 15)), ("contacted", "2025-01-16"), ("no_show", "2025-01-20")],
    )
    d.f4 = referral(d.a, d.c, "2025-02-10", [])
    d.f5 = referral(None, d.b, "2025-02-20", [("received", "2025-02-21")], origin="callback", theme=d.th1)
    d.f6 = referral(d.a, d.b, "2025-03-05", [("cancelled", "2025-03-06")])
    d.f7 = referral(d.a, d.b, "2024-12-20", [("accepted", "2024-12-21"), ("closed", "2024-12-28")], outcome="informed")

    def service(structure, verified, active=True):
        return Service.objects.create(
            structure=structure,
            name=f"Service {structure.slug}",
            description="…",
            last_verified_at=verified,
            is_active=active,
        )

    service(d.a, date(2025, 5, 1))
    service(d.a, date(2024, 10, 1))
    service(d.b, None)
    service(d.c, date(2025, 6, 1))
    service(d.c, date(2025, 6, 1), active=False)
    service(d.d, date(2025, 1, 1))

    for day, theme, territory, n in [
        ("2025-01-05", "t1", d.t1, 3),
        ("2025-02-01", "t2", d.t1, 2),
        ("2025-03-01", "t1", d.t2, 4),
        ("2024-12-31", "t1", d.t1, 10),
    ]:
        AssistantSearchLog.objects.create(date=date.fromisoformat(day), theme_code=theme, territory=territory, count=n)

    refresh_indicators()
    return d


@pytest.fixture
def region_2025(data):
    return IndicatorFilter(YEAR, today=TODAY)


@pytest.fixture
def t1_2025(data):
    return IndicatorFilter(YEAR, territory=data.t1, today=TODAY)


@pytest.fixture
def t2_2025(data):
    return IndicatorFilter(YEAR, territory=data.t2, today=TODAY)


@pytest.fixture
def a_2025(data):
    return IndicatorFilter(YEAR, structure=data.a, today=TODAY)
