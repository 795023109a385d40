"""An organisation's admins keep its help right on the site: the facts for all its help, its services, and
walk-in closures, changed hours and notices; the profile shows them at once; nobody else may."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from members.editing_forms import HELP_FORM_FIELDS
from members.models import Membership, Service, WalkInChangedHours, WalkInClosure, WalkInNotice
from members.models.services import HELP_FIELDS
from members.models.walkins import MAX_EXCEPTIONS
from members.profile_editing import MAX_SERVICES
from tests.factories import UserFactory

from .conftest import T, make

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BASE = "/organisaties/buurthuis-de-brug/"


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


@pytest.fixture
def brug(db):
    return make("Buurthuis De Brug", walk_ins=[(d, T(9), T(12)) for d in range(7)])


@pytest.fixture
def admin_client(brug):
    user = UserFactory(email="beheer@debrug.example")
    Membership.objects.create(user=user, organisation=brug, role="admin")
    client = Client()
    client.force_login(user)
    return client


def service_data(**changes):
    from core.taxonomy import Theme

    return {
        "name": "Budgetcursus",
        "description": "Vier avonden over geld en post.",
        "themes": [Theme.get_or_create_by_name("Geldzorgen").pk],
        "is_free": "true",
        "walk_in": "unknown",
        "by_phone": "true",
        "by_appointment": "unknown",
        "by_referral": "unknown",
        "interpreter": "unknown",
        "wheelchair": "false",
        **changes,
    }


# Services


def test_an_admin_adds_a_service_that_the_profile_and_api_show(admin_client, client, brug):
    response = admin_client.post(BASE + "diensten/nieuw/", service_data(), follow=True)
    assert "De dienst Budgetcursus is opgeslagen." in response.content.decode()
    service = Service.objects.get()
    assert (service.organisation, service.is_free, service.by_phone, service.walk_in) == (brug, True, True, None)
    assert "Budgetcursus" in client.get(brug.get_absolute_url()).content.decode()
    api = client.get("/api/hsds/services", {"search": "Budgetcursus"}).json()
    assert [item["name"] for item in api["contents"]] == ["Budgetcursus"]


def test_a_service_is_edited_and_deleted(admin_client, brug):
    admin_client.post(BASE + "diensten/nieuw/", service_data())
    service = Service.objects.get()
    admin_client.post(f"{BASE}diensten/{service.pk}/", service_data(name="Budgetcursus voor ouders"))
    service.refresh_from_db()
    assert service.name == "Budgetcursus voor ouders"
    assert admin_client.post(f"{BASE}diensten/{service.pk}/verwijderen/").status_code == 302
    assert not Service.objects.exists()
    assert admin_client.post(f"{BASE}diensten/{service.pk}/verwijderen/").status_code == 404


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"name": ""}, "Geef de dienst een naam."),
        ({"themes": []}, "Kies minstens één thema."),
        ({"is_free": "false", "fees": ""}, "Schrijf op wat de hulp kost"),
        ({"is_free": "true", "fees": "5 euro"}, "Gratis hulp heeft geen kosten"),
        ({"by_phone": "unknown"}, "Zeg hoe iemand deze hulp vraagt"),
        ({"name": "Budget\ncursus"}, "regel"),
        ({"description": "x" * 2001}, "2000"),
        ({"themes": ["999999"]}, "geen beschikbare keuze"),
    ],
)
def test_bad_service_input_gets_a_dutch_error_and_changes_nothing(admin_client, changes, error):
    response = admin_client.post(BASE + "diensten/nieuw/", service_data(**changes))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Service.objects.exists()


def test_two_services_may_not_share_a_name(admin_client):
    admin_client.post(BASE + "diensten/nieuw/", service_data())
    response = admin_client.post(BASE + "diensten/nieuw/", service_data(name="budgetcursus"))
    assert "Uw organisatie heeft al een dienst met deze naam." in response.content.decode()
    assert Service.objects.count() == 1


def test_the_number_of_services_is_limited(admin_client, brug):
    Service.objects.bulk_create(
        Service(organisation=brug, name=f"Dienst {n}", by_phone=True) for n in range(MAX_SERVICES)
    )
    response = admin_client.post(BASE + "diensten/nieuw/", service_data())
    assert response.status_code == 400 and "hoogstens 30 diensten" in response.content.decode()


def test_the_forms_ask_every_help_fact(admin_client):
    assert sorted(HELP_FORM_FIELDS) == sorted(HELP_FIELDS)
    page = admin_client.get(BASE + "bewerken/").content.decode()
    assert all(f'name="{name}"' in page for name in HELP_FIELDS)
    assert "Wie kan hulp krijgen, en hoe" in page


# Walk-in exceptions


def test_a_notice_shows_on_the_profile_at_once(admin_client, client, brug):
    response = admin_client.post(
        BASE + "inloop/",
        {
            "kind": "mededeling",
            "mededeling-starts": day(0),
            "mededeling-ends": day(6),
            "mededeling-text": "Deze week geen inloop door de verbouwing.",
        },
        follow=True,
    )
    assert "Opgeslagen." in response.content.decode()
    assert "Deze week geen inloop door de verbouwing." in client.get(brug.get_absolute_url()).content.decode()


def test_a_closure_closes_the_walk_in_on_those_days(admin_client, client, brug):
    admin_client.post(
        BASE + "inloop/",
        {"kind": "sluiting", "sluiting-starts": day(0), "sluiting-ends": day(1), "sluiting-reason": "studiedag"},
    )
    closure = WalkInClosure.objects.get(organisation=brug)
    assert (closure.reason, closure.starts) == ("studiedag", TODAY)
    assert "studiedag" in admin_client.get(BASE + "inloop/").content.decode()


def test_changed_hours_with_their_own_hours(admin_client, brug):
    response = admin_client.post(
        BASE + "inloop/",
        {
            "kind": "andere-tijden",
            "andere-tijden-starts": day(10),
            "andere-tijden-ends": day(40),
            "andere-tijden-reason": "ramadan",
            "uren-TOTAL_FORMS": "3",
            "uren-INITIAL_FORMS": "0",
            "uren-0-weekday": "1",
            "uren-0-starts": "19:00",
            "uren-0-ends": "21:00",
        },
    )
    assert response.status_code == 302
    period = WalkInChangedHours.objects.get(organisation=brug)
    assert [(hour.weekday, hour.starts) for hour in period.hours.all()] == [(1, T(19))]


@pytest.mark.parametrize(
    "data, error",
    [
        ({"sluiting-starts": day(5), "sluiting-ends": day(1)}, "De einddatum moet op of na de begindatum liggen."),
        ({"sluiting-starts": day(0), "sluiting-ends": day(400)}, "hoogstens 184 dagen"),
        ({"sluiting-starts": "31-02-2026", "sluiting-ends": day(1)}, "Voer een geldige datum in"),
        ({"sluiting-starts": day(2), "sluiting-ends": day(3)}, "overlapt met een andere sluiting"),
    ],
)
def test_bad_periods_get_a_dutch_error_and_change_nothing(admin_client, brug, data, error):
    WalkInClosure.objects.create(
        organisation=brug, starts=TODAY + datetime.timedelta(days=3), ends=TODAY + datetime.timedelta(days=3)
    )
    response = admin_client.post(BASE + "inloop/", {"kind": "sluiting", **data})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert WalkInClosure.objects.count() == 1


def test_changed_hours_that_end_before_they_start_change_nothing(admin_client):
    response = admin_client.post(
        BASE + "inloop/",
        {
            "kind": "andere-tijden",
            "andere-tijden-starts": day(1),
            "andere-tijden-ends": day(2),
            "uren-TOTAL_FORMS": "1",
            "uren-INITIAL_FORMS": "0",
            "uren-0-weekday": "1",
            "uren-0-starts": "21:00",
            "uren-0-ends": "19:00",
        },
    )
    assert response.status_code == 400 and "De eindtijd moet na de begintijd liggen." in response.content.decode()
    assert not WalkInChangedHours.objects.exists()


def test_an_unknown_kind_is_not_found(admin_client):
    assert admin_client.post(BASE + "inloop/", {"kind": "feestdag"}).status_code == 404
    assert admin_client.post(BASE + "inloop/feestdag/1/verwijderen/").status_code == 404


def test_the_number_of_current_exceptions_is_limited(admin_client, brug):
    WalkInNotice.objects.bulk_create(
        WalkInNotice(
            organisation=brug,
            starts=TODAY + datetime.timedelta(days=n),
            ends=TODAY + datetime.timedelta(days=n),
            text="x",
        )
        for n in range(MAX_EXCEPTIONS)
    )
    response = admin_client.post(
        BASE + "inloop/",
        {"kind": "mededeling", "mededeling-starts": day(100), "mededeling-ends": day(100), "mededeling-text": "Dicht"},
    )
    assert response.status_code == 400 and "Verwijder er eerst een." in response.content.decode()


def test_an_exception_is_removed(admin_client, brug):
    notice = WalkInNotice.objects.create(organisation=brug, starts=TODAY, ends=TODAY, text="Vandaag dicht")
    assert admin_client.post(f"{BASE}inloop/mededeling/{notice.pk}/verwijderen/").status_code == 302
    assert not WalkInNotice.objects.exists()


# Who may


@pytest.fixture
def other_organisation(db):
    return make("Elders")


@pytest.mark.parametrize("who", ["visitor", "member", "admin_elsewhere", "editor"])
def test_nobody_else_edits_services_or_exceptions(who, brug, other_organisation, editor):
    client = Client()
    if who == "member":
        user = UserFactory()
        Membership.objects.create(user=user, organisation=brug, role="member")
        client.force_login(user)
    elif who == "admin_elsewhere":
        user = UserFactory()
        Membership.objects.create(user=user, organisation=other_organisation, role="admin")
        client.force_login(user)
    elif who == "editor":  # editors change profiles in the Wagtail admin, not as the organisation
        client.force_login(editor)
    service = Service.objects.create(organisation=brug, name="Formulierenhulp", by_phone=True)
    notice = WalkInNotice.objects.create(organisation=brug, starts=TODAY, ends=TODAY, text="Vandaag dicht")
    expected = 302 if who == "visitor" else 404
    for url in (BASE + "diensten/", BASE + "diensten/nieuw/", f"{BASE}diensten/{service.pk}/", BASE + "inloop/"):
        assert client.get(url).status_code == expected, url
    assert client.post(BASE + "diensten/nieuw/", service_data()).status_code == expected
    assert client.post(f"{BASE}diensten/{service.pk}/verwijderen/").status_code == expected
    assert client.post(f"{BASE}inloop/mededeling/{notice.pk}/verwijderen/").status_code == expected
    assert Service.objects.count() == 1 and WalkInNotice.objects.count() == 1


def test_an_admin_cannot_touch_another_organisations_service(admin_client, other_organisation):
    theirs = Service.objects.create(organisation=other_organisation, name="Hun dienst", by_phone=True)
    assert admin_client.get(f"{BASE}diensten/{theirs.pk}/").status_code == 404
    assert admin_client.post(f"{BASE}diensten/{theirs.pk}/verwijderen/").status_code == 404
    notice = WalkInNotice.objects.create(organisation=other_organisation, starts=TODAY, ends=TODAY, text="Dicht")
    assert admin_client.post(f"{BASE}inloop/mededeling/{notice.pk}/verwijderen/").status_code == 404
    assert Service.objects.filter(pk=theirs.pk).exists() and WalkInNotice.objects.filter(pk=notice.pk).exists()


def test_changes_move_the_api_modified_moment(admin_client, brug):
    before = brug.modified
    admin_client.post(BASE + "diensten/nieuw/", service_data())
    brug.refresh_from_db()
    assert brug.modified > before


def test_stored_answers_are_checked_when_the_form_opens_again(admin_client, brug):
    brug.is_free, brug.wheelchair = True, False
    brug.save()
    page = admin_client.get(BASE + "bewerken/").content.decode()
    assert re.search(r'name="is_free" value="true"[^>]*checked', page)
    assert re.search(r'name="wheelchair" value="false"[^>]*checked', page)
    assert re.search(r'name="interpreter" value="unknown"[^>]*checked', page)
