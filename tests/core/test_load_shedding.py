"""Under overload, a request that already waited too long in the queue between the proxy and the
server is answered at once with 503 and Retry-After, before it touches the database."""

import time

import pytest
from django.test import override_settings

from core.middleware import queue_seconds
from events.models import Registration
from tests.events.factories import EventPageFactory, agenda

pytestmark = pytest.mark.django_db


def started(seconds_ago):
    return f"t={time.time() - seconds_ago:.3f}"  # nginx's "t=${msec}"


@pytest.fixture
def shedding():
    with override_settings(LOAD_SHED_AFTER_SECONDS=5, LOAD_SHED_RETRY_AFTER=30):
        yield


@pytest.fixture
def event():
    agenda()
    return EventPageFactory(title="Dialoogtafel schulden", capacity=10)


def test_a_request_that_waited_too_long_gets_a_short_busy_page_without_the_database(
    shedding, client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/", headers={"X-Request-Start": started(20)})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Het is even erg druk" in page and "niets opgeslagen" in page


def test_a_form_sent_too_late_changes_nothing(shedding, client, event):
    data = {"name": "Gast", "email": "gast@voorbeeld.nl"}
    response = client.post(event.url + "aanmelden/", data, headers={"X-Request-Start": started(20)})
    assert response.status_code == 503
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda: started(1), id="waited-1-second"),
        pytest.param(lambda: "", id="empty"),
        pytest.param(lambda: "t=gisteren", id="unreadable"),
        pytest.param(lambda: "t=-5", id="negative"),
        pytest.param(lambda: "t=inf", id="infinite"),
        pytest.param(lambda: f"t={time.time() + 3600:.3f}", id="clock-ahead"),
    ],
)
def test_a_request_served_in_time_or_without_a_readable_start_is_served(shedding, client, header):
    assert client.get("/", headers={"X-Request-Start": header()}).status_code == 200


def test_without_the_setting_nothing_is_shed(client):
    assert client.get("/", headers={"X-Request-Start": started(600)}).status_code == 200


def test_the_start_time_is_read_in_seconds_milliseconds_or_microseconds():
    now = 1_800_000_000.0
    assert queue_seconds("t=1799999990.250", now) == pytest.approx(9.75)
    assert queue_seconds("1799999990250", now) == pytest.approx(9.75)
    assert queue_seconds("t=1799999990250000", now) == pytest.approx(9.75)
    assert queue_seconds(None, now) is None
