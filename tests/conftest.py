import os
import time

import django
import pytest
from django.core.management import call_command
from django.test import Client

from home.models import HomePage

from .factories import ContentPageFactory, UserFactory

# A queue that keeps tasks for later: Django's own on 6.0, the django-tasks backport's on 5.2.
DUMMY_TASK_BACKEND = (
    "django.tasks.backends.dummy.DummyBackend"
    if django.VERSION >= (6, 0)
    else "django_tasks.backends.dummy.DummyBackend"
)


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs DATABASE_URL pointing at PostgreSQL"))


class SignedInClient(Client):
    """force_login stands for a complete login through allauth: password and, when set up, the second factor.

    allauth records each step in the session; the site refuses a session whose login skipped the
    second factor (core.middleware), so the shortcut records both steps the way allauth does.
    Tests of the login itself go through the real views.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        now = time.time()
        session = self.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": now, "email": user.email},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()


@pytest.fixture
def client():
    return SignedInClient()


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def content_page(home):
    return ContentPageFactory(
        parent=home,
        title="Over het platform",
        slug="over-het-platform",
        show_in_footer=True,
        show_in_menus=True,
    )


@pytest.fixture
def member(db):
    return UserFactory(email="lid@voorbeeld.nl")


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    user = UserFactory(email="redacteur@voorbeeld.nl")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(email="beheerder@voorbeeld.nl", is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    """An editor logged in with both steps, in the Wagtail admin."""
    with_totp(editor)
    client.force_login(editor)
    return client


def with_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def demo_content(db):
    call_command("load_demo_content", force=True, stdout=open(os.devnull, "w"))


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: ids are reused between tests, so cached keys would leak."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_queries(client):
    """Number of SQL queries for one GET of a page, after a first GET has filled the caches.

    The cache starts empty in each test, so the first request also loads what later requests
    read from the cache (site root paths, unfiltered facet counts); counting that would make a
    page look as if it grows with the data.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url, data=None):
        client.get(url, data)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, data)
        assert response.status_code == 200, f"{url} gave {response.status_code}"
        return len(captured)

    return count
