import pytest

from members.models import Membership, Organisation
from tests.factories import StoryPageFactory, UserFactory


@pytest.fixture
def library_index(home):
    from library.models import LibraryIndexPage

    StoryPageFactory(title="Bestaand verhaal")
    return LibraryIndexPage.objects.get()


@pytest.fixture
def organisation_a(db):
    return Organisation.objects.create(name="Humanitas Almere", slug="humanitas-almere", kind="formeel", status="verified")


@pytest.fixture
def org_admin(organisation_a):
    user = UserFactory(email="beheerder-a@voorbeeld.nl", first_name="Anna", last_name="Admin")
    Membership.objects.create(user=user, organisation=organisation_a, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def submitter(member, organisation_a):
    Membership.objects.create(user=member, organisation=organisation_a)
    return member
