"""Does the routing give every person a right door? The check behind `load_routing_rules --check`
and the matrix test: every status × theme (or none) × age band × disability yes/no must get at least
two doors, one of them giving personalised counsel (CEP level 2 or 3)."""

import itertools
from dataclasses import dataclass

from apps.directory.models import Status, Theme

from .models import Reception, RoutingRule
from .routing import Situation, active_rules, choose_doors

Band = Reception.AgeBand
# The ages tried in each age band of a reception: its bounds (16: end of compulsory schooling;
# 18: end of the training obligation; 25/26: the Missions locales' limit) and one inside; an
# unknown age only meets the rules without an age condition.
BAND_AGES = {
    Band.UNDER_16: (13, 15),
    Band.AGE_16_25: (16, 18, 25),
    Band.AGE_26_44: (26, 27, 44),
    Band.AGE_45_PLUS: (45, 62),
    Band.UNKNOWN: (None,),
}
MIN_DOORS = 2
COUNSEL_LEVEL = 2


@dataclass(frozen=True)
class Gap:
    status: str
    theme: str
    age: int | None
    handicap: bool
    doors: tuple[tuple[str, int], ...]

    def __str__(self):
        age = "âge inconnu" if self.age is None else f"{self.age} ans"
        handicap = "avec handicap" if self.handicap else "sans handicap"
        doors = ", ".join(f"{network} (niveau {level})" for network, level in self.doors) or "aucune porte"
        return f"{self.status} / {self.theme or 'sans thème'} / {age} / {handicap} : {doors}"


def is_covered(doors: list[tuple[str, int]]) -> bool:
    return len(doors) >= MIN_DOORS and any(level >= COUNSEL_LEVEL for _, level in doors)


def coverage_gaps(rules: list[RoutingRule] | None = None, statuses=None, themes=None, ages=None) -> list[Gap]:
    """The situations left without two doors (one of personalised counsel); all of them by default."""
    rules = active_rules() if rules is None else rules
    statuses = statuses or list(Status.objects.filter(is_active=True).values_list("code", flat=True))
    themes = themes or [""] + list(Theme.objects.filter(is_active=True).values_list("code", flat=True))
    ages = ages or [age for band_ages in BAND_AGES.values() for age in band_ages]
    gaps = []
    for status, theme, age, handicap in itertools.product(statuses, themes, ages, (False, True)):
        situation = Situation(age=age, status=status, theme=theme, handicap=handicap)
        doors = [(door.network.code, door.cep_level) for door in choose_doors(situation, rules)]
        if not is_covered(doors):
            gaps.append(Gap(status, theme, age, handicap, tuple(doors)))
    return gaps
