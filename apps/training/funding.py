"""Which funding schemes may pay for a training, for a person: one rule, read from the Région's data."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from apps.directory.models import Status

from .models import FundingScheme, Training


@dataclass(frozen=True)
class Person:
    """What the person chose to tell (nothing is stored): situation, age, disability. Empty: not told."""

    status: str = ""
    age: int | None = None
    handicap: bool = False


SCHEMES_CACHE_KEY = "training:active-schemes"
SCHEMES_CACHE_SECONDS = 300


def active_schemes() -> list[FundingScheme]:
    """The schemes in force with their statuses, read by every search: cached (the workers share the cache),
    forgotten as soon as the Région changes a scheme (signals below)."""
    schemes = cache.get(SCHEMES_CACHE_KEY)
    if schemes is None:
        schemes = list(
            FundingScheme.objects.filter(is_active=True).prefetch_related(
                Prefetch("statuses", queryset=Status.objects.only("code"))
            )
        )
        for scheme in schemes:
            _statuses(scheme)  # computed before caching
        cache.set(SCHEMES_CACHE_KEY, schemes, SCHEMES_CACHE_SECONDS)
    return schemes


@receiver([post_save, post_delete], sender=FundingScheme)
@receiver(m2m_changed, sender=FundingScheme.statuses.through)
def forget_schemes(**kwargs) -> None:
    cache.delete(SCHEMES_CACHE_KEY)


def _statuses(scheme: FundingScheme) -> set[str]:
    if not hasattr(scheme, "_status_codes"):
        scheme._status_codes = {s.code for s in scheme.statuses.all()}
    return scheme._status_codes


def fits_person(scheme: FundingScheme, person: Person) -> bool:
    """A situation, an age or a disability not told excludes no one; a scheme for disabled persons needs it told."""
    statuses = _statuses(scheme)
    if person.status and statuses and person.status not in statuses:
        return False
    if person.age is not None:
        if scheme.age_min is not None and person.age < scheme.age_min:
            return False
        if scheme.age_max is not None and person.age > scheme.age_max:
            return False
    return person.handicap or not scheme.disability_only


def fits_training(scheme: FundingScheme, training: Training) -> bool:
    if scheme.certifying_only and not training.certifying:
        return False
    if scheme.alternance_only and not training.alternance:
        return False
    return not scheme.financer_codes or bool(set(scheme.financer_codes) & set(training.financer_codes or []))


def training_q(scheme: FundingScheme, prefix: str = "") -> Q:
    """fits_training as a query (the search's "financée pour ma situation"); the tests check they agree."""
    q = Q()
    if scheme.certifying_only:
        q &= Q(**{f"{prefix}certifying": True})
    if scheme.alternance_only:
        q &= Q(**{f"{prefix}alternance": True})
    if scheme.financer_codes:
        any_code = Q()
        for code in scheme.financer_codes:
            any_code |= Q(**{f"{prefix}financer_key__contains": f" {code} "})
        q &= any_code
    return q


def fundable_q(person: Person, prefix: str = "", schemes: list[FundingScheme] | None = None) -> Q:
    """Trainings that at least one scheme in force may fund for the person (no scheme: none)."""
    q = Q(pk__in=[])
    for scheme in active_schemes() if schemes is None else schemes:
        if scheme.is_active and fits_person(scheme, person):
            q |= training_q(scheme, prefix)
    return q


def may_fund(scheme: FundingScheme, training: Training, person: Person) -> bool:
    """The one eligibility rule: the scheme is in force, fits the training and fits the person."""
    return scheme.is_active and fits_training(scheme, training) and fits_person(scheme, person)


def funding_for(training: Training, person: Person, schemes: list[FundingScheme] | None = None) -> list[FundingScheme]:
    return [s for s in (active_schemes() if schemes is None else schemes) if may_fund(s, training, person)]
