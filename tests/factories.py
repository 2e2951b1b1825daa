"""factory-boy factories shared by every app's tests. People are fictional."""

import factory
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.directory.models import Network, Place, Service, ServiceLocation, Structure
from apps.geo.models import Commune, Departement, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "24"
    name = "Centre-Val de Loire"


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ["code"]

    code = "41"
    name = "Loir-et-Cher"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["code"]

    code = "41018"
    name = "Blois"
    postal_codes = "41000"
    departement = factory.SubFactory(DepartementFactory)
    population = 47219
    latitude = 47.5884
    longitude = 1.33528


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["code"]

    code = "mission-locale"
    label = "Mission locale"


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    slug = factory.Sequence(lambda n: f"structure-{n}")
    name = factory.Sequence(lambda n: f"Structure de test {n}")
    network = factory.SubFactory(NetworkFactory)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    structure = factory.SubFactory(StructureFactory)
    name = factory.LazyAttribute(lambda o: f"Accueil {o.structure.name}")
    address = "1 rue de l'Exemple"
    commune = factory.SubFactory(CommuneFactory)
    postal_code = factory.LazyAttribute(lambda o: o.commune.main_postal_code)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    structure = factory.SubFactory(StructureFactory)
    name = factory.Sequence(lambda n: f"Service de test {n}")
    description = "Un service d'information et de conseil pour les tests."
    access_modes = ["walk-in"]
    last_verified_at = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def at(self, create, places, **kwargs):
        for place in places or []:
            ServiceLocation.objects.create(service=self, place=place)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@test.spro.example")
    first_name = "Alex"
    password = factory.django.Password("mot-de-passe-de-test")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
