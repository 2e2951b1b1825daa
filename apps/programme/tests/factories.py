"""Factories of the programme tests. People are fictional."""

from datetime import timedelta

import factory
from django.utils import timezone

from apps.geo.models import Territory
from apps.programme.models import Registration, Session
from tests.factories import StructureFactory, UserFactory


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["code"]

    code = "indre-et-loire"
    name = "Indre-et-Loire"
    kind = Territory.Kind.DEPARTEMENT


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    kind = Session.Kind.FORUM
    title = factory.Sequence(lambda n: f"Forum d'interconnaissance n° {n}")
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4))
    address = "Tours (37)"
    capacity = 2
    territory = factory.SubFactory(TerritoryFactory)
    status = Session.Status.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    status = Registration.Status.CONFIRMED
