import datetime

import pytest

from members.models import Membership, WalkInHour
from tests.factories import UserFactory

from .conftest import make

pytestmark = pytest.mark.django_db


@pytest.fixture
def ocan(db):
    return make("Ocan Almere", "informeel", services=["Schulden"], walk_ins=[(3, datetime.time(9), datetime.time(12))])


@pytest.fixture
def other(db):
    return make("Leger des Heils Almere", services=["Armoede"])


@pytest.fixture
def org_admin(ocan):
    user = UserFactory(email="beheer@ocan.example")
    Membership.objects.create(user=user, organisation=ocan, role="admin")
    return user


def form_data(organisation, **overrides):
    hour = organisation.walk_in_hours.first()
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "municipality": str(organisation.municipality_id),
        "description": "Wij helpen Caribische Nederlanders met geldzaken.",
        "neighbourhood": "Stad",
        "address": "Stationsplein 1",
        "postcode": "1315ab",
        "city": "Almere",
        "phone": "036 123 45 67",
        "email": "info@ocan.example",
        "website": "https://ocan.example",
        "spreekuren-TOTAL_FORMS": "2",
        "spreekuren-INITIAL_FORMS": "1",
        "spreekuren-MIN_NUM_FORMS": "0",
        "spreekuren-MAX_NUM_FORMS": "20",
        "spreekuren-0-id": str(hour.pk),
        "spreekuren-0-weekday": "3",
        "spreekuren-0-starts": "09:30",
        "spreekuren-0-ends": "12:00",
        "spreekuren-0-place": "Financieel Huis",
        "spreekuren-1-weekday": "1",
        "spreekuren-1-starts": "19:00",
        "spreekuren-1-ends": "21:00",
        "spreekuren-1-place": "Kerkzaal",
    }
    data.update(overrides)
    return data


def test_admin_edits_profile_and_walk_in_hours(client, org_admin, ocan):
    ocan.last_confirmed = datetime.date(2024, 1, 1)
    ocan.save()
    client.force_login(org_admin)
    assert client.get("/organisaties/ocan-almere/bewerken/").status_code == 200
    response = client.post("/organisaties/ocan-almere/bewerken/", form_data(ocan))
    assert response.status_code == 302, response.content.decode()[:3000]
    ocan.refresh_from_db()
    assert ocan.postcode == "1315 AB"
    assert ocan.description.startswith("Wij helpen")
    assert ocan.last_confirmed == datetime.date.today()  # saving confirms the profile
    hours = sorted(
        (h.weekday, h.starts.strftime("%H:%M"), h.place) for h in WalkInHour.objects.filter(organisation=ocan)
    )
    assert hours == [(1, "19:00", "Kerkzaal"), (3, "09:30", "Financieel Huis")]


def test_bad_input_changes_nothing_and_explains_in_dutch(client, org_admin, ocan):
    client.force_login(org_admin)
    response = client.post(
        "/organisaties/ocan-almere/bewerken/",
        form_data(ocan, postcode="ABCD 12", **{"spreekuren-1-starts": "21:00", "spreekuren-1-ends": "19:00"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een postcode in als 1234 AB." in html
    assert "De eindtijd moet na de begintijd liggen." in html
    ocan.refresh_from_db()
    assert ocan.postcode == ""
    assert WalkInHour.objects.filter(organisation=ocan).count() == 1


def test_confirm_without_changes(client, org_admin, ocan):
    ocan.last_confirmed = datetime.date(2024, 1, 1)
    ocan.save()
    client.force_login(org_admin)
    client.post("/organisaties/ocan-almere/bewerken/", {"confirm": "1"})
    ocan.refresh_from_db()
    assert ocan.last_confirmed == datetime.date.today()


@pytest.mark.parametrize("role", ["visitor", "member", "admin_of_other", "editor"])
def test_nobody_else_can_edit(client, ocan, other, role, editor):
    if role == "member":
        user = UserFactory(email="lid@ocan.example")
        Membership.objects.create(user=user, organisation=ocan, role="member")
        client.force_login(user)
    elif role == "admin_of_other":
        user = UserFactory(email="beheer@ldh.example")
        Membership.objects.create(user=user, organisation=other, role="admin")
        client.force_login(user)
    elif role == "editor":
        client.force_login(editor)  # editors work in the Wagtail admin, not here
    response = client.get("/organisaties/ocan-almere/bewerken/")
    post = client.post("/organisaties/ocan-almere/bewerken/", form_data(ocan, description="Gekaapt"))
    if role == "visitor":
        assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    else:
        assert response.status_code == 404
        assert post.status_code == 404
    ocan.refresh_from_db()
    assert ocan.description != "Gekaapt"


def test_my_organisations_lists_roles_and_edit_links(client, org_admin, ocan, other):
    Membership.objects.create(user=org_admin, organisation=other, role="member")
    client.force_login(org_admin)
    html = client.get("/account/organisaties/").content.decode()
    assert "/organisaties/ocan-almere/bewerken/" in html
    assert "/organisaties/leger-des-heils-almere/bewerken/" not in html
