"""'Actualiteit sociale kaart': editors see per municipality how much of the map was confirmed in the last twelve
months, the open reports, profiles without an admin and open claims, on a page and as CSV."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from corrections.currency import map_currency
from corrections.models import ErrorReport
from members.models import Membership, ProfileClaim
from tests.factories import UserFactory
from tests.members.conftest import make

pytestmark = pytest.mark.django_db

URL = "/admin/actualiteit-sociale-kaart/"


def organisation(name, municipality, months_ago, admin=False):
    org = make(name, municipality=municipality)
    org.last_confirmed = timezone.localdate() - datetime.timedelta(days=30 * months_ago)
    org.save()
    if admin:
        Membership.objects.create(user=UserFactory(), organisation=org, role="admin")
    return org


@pytest.fixture
def the_map(db):
    almere = [
        organisation("Humanitas Almere", "Almere", 2, admin=True),
        organisation("Ocan Almere", "Almere", 14),
        organisation("Moskee Almere", "Almere", 30),
        organisation("Voedselbank Almere", "Almere", 1),
    ]
    lelystad = [organisation("Humanitas Lelystad", "Lelystad", 3, admin=True)]
    make("Nog niet geverifieerd", municipality="Lelystad", status="awaiting")  # not on the map: not counted
    ErrorReport.objects.create(organisation=almere[1], field_group="hours", text="Het spreekuur is verplaatst.")
    ErrorReport.objects.create(
        organisation=almere[1], field_group="hours", text="Al opgelost.", status=ErrorReport.Status.FIXED
    )
    ProfileClaim.objects.create(user=UserFactory(), organisation=almere[2], role="Voorzitter")
    return almere, lelystad


def test_each_municipality_has_its_share_confirmed_reports_admins_and_claims(the_map):
    rows, total = map_currency()
    almere, lelystad = rows  # the smallest share confirmed first
    assert (almere.municipality, almere.organisations, almere.confirmed, almere.confirmed_share) == (
        "Almere",
        4,
        2,
        50,
    )
    assert (almere.open_reports, almere.without_admin, almere.pending_claims, almere.stale) == (1, 3, 1, 2)
    assert (lelystad.organisations, lelystad.confirmed_share, lelystad.without_admin) == (1, 100, 0)
    assert (total.organisations, total.confirmed, total.open_reports, total.pending_claims) == (5, 3, 1, 1)


def test_an_admin_whose_account_was_closed_does_not_count(the_map):
    almere, _ = the_map
    admin = Membership.objects.get(organisation=almere[0]).user
    admin.is_active = False
    admin.save()
    rows, _total = map_currency()
    assert rows[0].without_admin == 4


def test_editors_see_the_table_and_download_it(editor_client, the_map):
    page = editor_client.get(URL).content.decode()
    assert "Almere" in page and "50% (2; 2 ouder)" in page and "100% (1; 0 ouder)" in page
    response = editor_client.get(URL, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Gemeente"
    assert rows[1] == ["Almere", "4", "2", "50", "1", "3", "1"]


def test_the_menu_shows_the_report_to_editors(editor_client):
    assert URL in editor_client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_others_do_not_see_it(who, the_map):
    client = Client()
    if who == "member":
        client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code in (302, 403) and "Almere" not in response.content.decode()


def test_the_query_count_does_not_grow_with_the_map(editor_client, the_map):
    def queries():
        editor_client.get(URL)
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    for n in range(6):
        organisation(f"Buurthuis {n}", f"Gemeente {n}", n, admin=n % 2 == 0)
    assert queries() == before
