import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from newsletters.models import Newsletter, NewsletterItem
from tests.factories import MunicipalityFactory, StoryPageFactory, ThemeFactory, UserFactory

from ..conftest import with_totp


@pytest.fixture(autouse=True)
def commit_callbacks_run_at_once(request, monkeypatch):
    """Sending is queued after commit; tests run in a transaction that never commits, so run such callbacks
    at once. Tests with real transactions keep the real thing."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Armoede")


@pytest.fixture
def other_theme(db):
    return ThemeFactory(name="Wonen")


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Almere")


@pytest.fixture
def story(home):
    return StoryPageFactory(title="Samen tegen schulden", summary="Hoe een buurtteam schulden voorkomt.")


@pytest.fixture
def newsletter(story):
    newsletter = Newsletter.objects.create(
        subject="Nieuws uit het sociaal domein", intro="<p>Welkom bij de nieuwsbrief.</p>"
    )
    NewsletterItem.objects.create(newsletter=newsletter, page=story, sort_order=0)
    return newsletter


@pytest.fixture
def moderator_client(client, db):
    user = UserFactory(email="moderator@voorbeeld.nl")
    user.groups.add(Group.objects.get(name="Moderators"))
    with_totp(user)
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    with_totp(superuser)
    client.force_login(superuser)
    return client
