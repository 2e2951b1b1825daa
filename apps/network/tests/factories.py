"""Factories of the governance tests (small data; people are fictional)."""

from datetime import date

import factory

from apps.geo.models import Territory
from apps.network.models import Convention, Coordinator, Grant
from apps.network.models.common import current_school_year
from tests.factories import CommuneFactory, DepartementFactory, StructureFactory, UserFactory


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = "loir-et-cher"
    name = "Loir-et-Cher"
    kind = Territory.Kind.DEPARTEMENT
    departement = factory.SubFactory(DepartementFactory)

    @factory.post_generation
    def seats(self, create, extracted, **kwargs):
        if create:
            self.seats.set([CommuneFactory(departement=self.departement)] if self.departement.code == "41" else [])


def territory(code: str, name: str, departement_code: str, departement_name: str) -> Territory:
    return TerritoryFactory(
        code=code, name=name, departement=DepartementFactory(code=departement_code, name=departement_name)
    )


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention

    territory = factory.SubFactory(TerritoryFactory)
    year = 2027
    start_date = factory.LazyAttribute(lambda o: date(o.year, 1, 1))
    end_date = factory.LazyAttribute(lambda o: date(o.year, 12, 31))


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    convention = factory.SubFactory(ConventionFactory)
    beneficiary = factory.SubFactory(StructureFactory)
    lump_sum_cents = 800_000
    envelope_cents = 1_001
    voted_on = factory.LazyAttribute(lambda o: date(o.convention.year - 1, 9, 15))
    balance_deadline = factory.LazyAttribute(lambda o: date(o.convention.year + 1, 6, 30))


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    territory = factory.SubFactory(TerritoryFactory)
    user = factory.SubFactory(UserFactory)
    school_year = factory.LazyFunction(current_school_year)
    designated_on = factory.LazyFunction(lambda: date(current_school_year(), 9, 20))
