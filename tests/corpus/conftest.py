import pytest

from members.models import Membership
from tests.factories import UserFactory
from tests.library.test_submissions import library_index, submitter, verified_org  # noqa: F401  (shared fixtures)


@pytest.fixture
def organisation_a(verified_org):
    return verified_org


@pytest.fixture
def org_admin(organisation_a):
    user = UserFactory(email="beheerder-a@voorbeeld.nl", first_name="Anna", last_name="Admin")
    Membership.objects.create(user=user, organisation=organisation_a, role=Membership.Role.ADMIN)
    return user
