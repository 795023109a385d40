import pytest

from core.taxonomy import Municipality
from members.models import Organisation
from tests.factories import ThemeFactory


@pytest.fixture
def schulden(db):
    return ThemeFactory(name="Schulden", slug="schulden")


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Schuldhulp Almere",
        slug="schuldhulp-almere",
        kind="formeel",
        status="verified",
        municipality=Municipality.get_or_create_by_name("Almere"),
    )
