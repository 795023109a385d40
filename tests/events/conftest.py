import pytest
from django.db import transaction

from tests.factories import UserFactory

from .factories import EventPageFactory, agenda


@pytest.fixture(autouse=True)
def commit_callbacks_run_at_once(request, monkeypatch):
    """Each test runs inside a transaction that is never committed; emails are sent after commit. Run such
    callbacks at once, as they would after a real commit. Tests with real transactions keep the real thing."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def index(home):
    return agenda()


@pytest.fixture
def event(index):
    return EventPageFactory(title="Netwerkbijeenkomst Almere", capacity=3)


@pytest.fixture
def table_event(index):
    return EventPageFactory(title="Dialoogtafels", capacity=10, tables=[("Noodhulp", 2), ("Privacy", 2)])


@pytest.fixture
def organiser(db):
    return UserFactory(email="organisator@voorbeeld.nl", first_name="Olga", last_name="Organisator")


@pytest.fixture
def other_member(db):
    return UserFactory(email="ander@voorbeeld.nl")


def people(count, prefix="lid"):
    return [UserFactory(email=f"{prefix}{n}@voorbeeld.nl") for n in range(count)]
