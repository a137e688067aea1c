"""Factories for the objects tests need; regions come from the real fixture."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from regions.models import Agency, Regency


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("rahasia-uji-123")


class AgencyFactory(DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    regency = factory.LazyFunction(lambda: Regency.objects.get(code="33.73"))
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.Sequence(lambda n: f"DU{n}")
