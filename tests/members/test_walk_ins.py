"""Walk-in hours with exceptions (closures, changed hours, notices) and walk-ins shared by several organisations."""

import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from members import openinghours
from members.models import (
    SharedWalkIn,
    SharedWalkInTurn,
    WalkInChangedHour,
    WalkInChangedHours,
    WalkInClosure,
    WalkInNotice,
)
from members.socialmap import SocialMapFilters

from .conftest import make

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
T = datetime.time
D = datetime.date


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMS)


@pytest.fixture
def moskee(db):
    # Wednesdays (weekday 2) 10:00-12:00 and Fridays 14:00-16:00.
    return make("Moskee Al Fath", walk_ins=[(2, T(10), T(12)), (4, T(14), T(16))])


def filtered(params, now):
    from members.models import Organisation

    filters = SocialMapFilters(QueryDict(urlencode(params)), now=now)
    return sorted(filters.apply(Organisation.objects.public()).values_list("name", flat=True))


def test_weekly_hours_without_exceptions(moskee):
    # Wednesday 3 December 2025, 10:30.
    assert openinghours.is_open_now(moskee, at(2025, 12, 3, 10, 30))
    assert not openinghours.is_open_now(moskee, at(2025, 12, 3, 12, 0))
    sessions = openinghours.next_7_days(moskee, at(2025, 12, 3, 11))
    assert [(s.starts, s.ends) for s in sessions] == [
        (at(2025, 12, 3, 10), at(2025, 12, 3, 12)),
        (at(2025, 12, 5, 14), at(2025, 12, 5, 16)),
    ]


def test_a_closure_removes_the_walk_ins_on_its_days(moskee):
    WalkInClosure.objects.create(organisation=moskee, starts=D(2025, 12, 24), ends=D(2026, 1, 2), reason="Kerst")
    assert not openinghours.is_open_now(moskee, at(2025, 12, 24, 10, 30))
    assert not openinghours.is_open_now(moskee, at(2026, 1, 2, 14, 30))
    assert openinghours.is_open_now(moskee, at(2026, 1, 7, 10, 30))  # the day after the closure's week
    # From Monday 22 December: only Wednesday 24 and Friday 26 would be walk-ins, both closed.
    assert openinghours.next_7_days(moskee, at(2025, 12, 22, 8)) == []


def test_changed_hours_replace_the_weekly_hours_in_their_period(moskee):
    ramadan = WalkInChangedHours.objects.create(
        organisation=moskee, starts=D(2026, 2, 18), ends=D(2026, 3, 19), reason="Ramadan"
    )
    WalkInChangedHour.objects.create(period=ramadan, weekday=2, starts=T(20), ends=T(22))
    # Wednesday 25 February: the evening hours, not the morning ones; and Friday has none in the period.
    assert not openinghours.is_open_now(moskee, at(2026, 2, 25, 10, 30))
    assert openinghours.is_open_now(moskee, at(2026, 2, 25, 21))
    sessions = openinghours.next_7_days(moskee, at(2026, 2, 23, 8))
    assert [(s.starts, s.changed) for s in sessions] == [(at(2026, 2, 25, 20), True)]
    # After the period the normal hours are back.
    assert openinghours.is_open_now(moskee, at(2026, 3, 25, 10, 30))


def test_times_stay_wall_clock_times_across_daylight_saving(moskee):
    # Summer time starts Sunday 29 March 2026 and ends Sunday 25 October 2026.
    for monday in (at(2026, 3, 23, 0), at(2026, 10, 19, 0), at(2026, 3, 30, 0), at(2026, 10, 26, 0)):
        sessions = openinghours.next_7_days(moskee, monday)
        assert [(s.starts.hour, s.ends.hour) for s in sessions] == [(10, 12), (14, 16)]
    # 10:30 local is 09:30 UTC in winter and 08:30 UTC in summer.
    assert openinghours.is_open_now(moskee, datetime.datetime(2026, 3, 25, 9, 30, tzinfo=datetime.UTC))
    assert openinghours.is_open_now(moskee, datetime.datetime(2026, 4, 1, 8, 30, tzinfo=datetime.UTC))
    assert not openinghours.is_open_now(moskee, datetime.datetime(2026, 4, 1, 10, 30, tzinfo=datetime.UTC))


def test_the_social_map_filter_honours_closures_and_changed_hours(moskee):
    make("Buurthuis", walk_ins=[(2, T(10), T(12))])
    now = at(2025, 12, 24, 10, 30)
    assert filtered({"open": "nu"}, now) == ["Buurthuis", "Moskee Al Fath"]
    WalkInClosure.objects.create(organisation=moskee, starts=D(2025, 12, 24), ends=D(2025, 12, 31))
    assert filtered({"open": "nu"}, now) == ["Buurthuis"]
    # Within 7 days of Wednesday 24 December: the mosque's next walk-ins (26, 31 December) are all closed.
    assert filtered({"open": "week"}, now) == ["Buurthuis"]
    facets = {
        facet.param: facet for facet in SocialMapFilters(QueryDict(), now=now).facets(moskee.__class__.objects.public())
    }
    assert [option.count for option in facets["open"].options] == [1, 1]


def test_the_filter_counts_take_a_fixed_number_of_queries(moskee, client):
    for number in range(3):
        other = make(f"Inloop {number}", walk_ins=[(day, T(9), T(17)) for day in range(7)])
        WalkInClosure.objects.create(organisation=other, starts=D(2025, 1, 1), ends=D(2025, 1, 2))
    client.get("/sociale-kaart/?open=week")
    with CaptureQueriesContext(connection) as few:
        client.get("/sociale-kaart/?open=week")
    for number in range(3, 9):
        other = make(f"Inloop {number}", walk_ins=[(day, T(9), T(17)) for day in range(7)])
        WalkInNotice.objects.create(organisation=other, starts=D(2025, 1, 1), ends=D(2025, 1, 2), text="Let op")
    with CaptureQueriesContext(connection) as many:
        client.get("/sociale-kaart/?open=week")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_profile_shows_notice_closure_and_the_next_seven_days(moskee, client, monkeypatch):
    today = openinghours.timezone.localdate()
    WalkInNotice.objects.create(
        organisation=moskee, starts=today, ends=today + datetime.timedelta(days=6), text="Deze week geen inloop"
    )
    WalkInClosure.objects.create(
        organisation=moskee, starts=today, ends=today + datetime.timedelta(days=6), reason="Verbouwing"
    )
    html = client.get("/organisaties/moskee-al-fath/").content.decode()
    assert "Deze week geen inloop" in html
    assert "(Verbouwing)" in html
    assert "De komende 7 dagen is er geen inloop." in html


def test_the_profile_takes_a_fixed_number_of_queries(moskee, client):
    today = openinghours.timezone.localdate()
    change = WalkInChangedHours.objects.create(organisation=moskee, starts=today, ends=today)
    WalkInChangedHour.objects.create(period=change, weekday=0, starts=T(9), ends=T(10))
    client.get("/organisaties/moskee-al-fath/")
    with CaptureQueriesContext(connection) as few:
        client.get("/organisaties/moskee-al-fath/")
    for offset in range(1, 30, 3):
        day = today + datetime.timedelta(days=offset)
        WalkInClosure.objects.create(organisation=moskee, starts=day, ends=day)
        change = WalkInChangedHours.objects.create(
            organisation=moskee, starts=day + datetime.timedelta(days=1), ends=day + datetime.timedelta(days=1)
        )
        WalkInChangedHour.objects.create(period=change, weekday=0, starts=T(9), ends=T(10))
    with CaptureQueriesContext(connection) as many:
        client.get("/organisaties/moskee-al-fath/")
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    ("model", "values", "field", "message"),
    [
        (WalkInClosure, {"starts": D(2026, 1, 2), "ends": D(2026, 1, 1)}, "ends", "op of na de begindatum"),
        (WalkInClosure, {"starts": D(2026, 1, 1), "ends": D(2026, 12, 31)}, "ends", "hoogstens 184 dagen"),
        (WalkInClosure, {"starts": D(2026, 1, 1), "ends": D(2026, 1, 1), "reason": "x" * 121}, "reason", "121"),
        (WalkInClosure, {"starts": D(2026, 1, 1), "ends": D(2026, 1, 1), "reason": "a\u202eb"}, "reason", "stuur"),
        (WalkInNotice, {"starts": D(2026, 1, 1), "ends": D(2026, 1, 1), "text": "x" * 161}, "text", "161"),
        (WalkInNotice, {"starts": D(2026, 1, 1), "ends": D(2026, 6, 1), "text": "Dicht"}, "ends", "62 dagen"),
        (WalkInNotice, {"starts": D(2026, 1, 1), "ends": D(2026, 1, 1), "text": ""}, "text", "leeg"),
    ],
)
def test_bad_periods_and_texts_are_refused_in_dutch(moskee, model, values, field, message):
    with pytest.raises(ValidationError) as error:
        model(organisation=moskee, **values).full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_overlapping_periods_are_refused_with_the_other_period_named(moskee):
    WalkInClosure.objects.create(organisation=moskee, starts=D(2025, 12, 24), ends=D(2026, 1, 2))
    with pytest.raises(ValidationError) as error:
        WalkInClosure(organisation=moskee, starts=D(2026, 1, 2), ends=D(2026, 1, 5)).full_clean()
    assert "overlapt met een andere sluiting (24-12-2025 – 02-01-2026)" in str(error.value)
    # Touching is fine, and another organisation's closure is no overlap.
    WalkInClosure(organisation=moskee, starts=D(2026, 1, 3), ends=D(2026, 1, 5)).full_clean()
    WalkInClosure(organisation=make("Ander"), starts=D(2026, 1, 1), ends=D(2026, 1, 5)).full_clean()
    WalkInChangedHours.objects.create(organisation=moskee, starts=D(2026, 2, 18), ends=D(2026, 3, 19))
    with pytest.raises(ValidationError, match="andere gewijzigde tijden"):
        WalkInChangedHours(organisation=moskee, starts=D(2026, 3, 1), ends=D(2026, 3, 30)).full_clean()


def test_a_changed_hour_must_end_after_it_starts(moskee):
    period = WalkInChangedHours.objects.create(organisation=moskee, starts=D(2026, 2, 18), ends=D(2026, 3, 19))
    with pytest.raises(ValidationError, match="eindtijd moet na de begintijd"):
        WalkInChangedHour(period=period, weekday=0, starts=T(12), ends=T(11)).full_clean()


@pytest.fixture
def financieel_huis(db):
    partners = [make(name) for name in ("Humanitas", "Schuldhulp Almere", "Voedselbank")]
    house = SharedWalkIn.objects.create(
        name="Financieel Huis Almere",
        slug="financieel-huis-almere",
        address="Stadhuisplein 1",
        city="Almere",
        municipality=partners[0].municipality,
    )
    house.partners.set(partners)
    house.save()
    SharedWalkInTurn.objects.create(walk_in=house, organisation=partners[0], weekday=1, starts=T(9), ends=T(12))
    SharedWalkInTurn.objects.create(
        walk_in=house, organisation=partners[1], weekday=3, week_of_month=1, starts=T(13), ends=T(16)
    )
    SharedWalkInTurn.objects.create(
        walk_in=house, organisation=partners[2], weekday=3, week_of_month=-1, starts=T(13), ends=T(16)
    )
    return house, partners


@pytest.mark.parametrize(
    ("week", "date", "falls"),
    [
        (None, D(2026, 1, 1), True),  # Thursday
        (1, D(2026, 1, 1), True),
        (1, D(2026, 1, 8), False),
        (2, D(2026, 1, 8), True),
        (4, D(2026, 1, 22), True),
        (-1, D(2026, 1, 29), True),  # the last Thursday of January
        (-1, D(2026, 1, 22), False),
        (-1, D(2026, 1, 28), False),  # a Wednesday
    ],
)
def test_turns_on_the_nth_weekday_of_the_month(week, date, falls):
    assert SharedWalkInTurn(weekday=3, week_of_month=week).falls_on(date) is falls


def test_the_shared_page_lists_partners_and_who_is_there(financieel_huis, client):
    html = client.get("/sociale-kaart/inloop/financieel-huis-almere/").content.decode()
    assert '<h1 class="utrecht-heading-1">Financieel Huis Almere</h1>' in html
    for name in ("Humanitas", "Schuldhulp Almere", "Voedselbank"):
        assert name in html
    assert "eerste donderdag van de maand, 13:00–16:00" in html
    assert "laatste donderdag van de maand, 13:00–16:00" in html
    assert client.get("/sociale-kaart/inloop/bestaat-niet/").status_code == 404


def test_a_shared_walk_in_without_verified_partners_is_not_public(financieel_huis, client):
    house, partners = financieel_huis
    for partner in partners:
        partner.status = "awaiting"
        partner.save()
    assert client.get("/sociale-kaart/inloop/financieel-huis-almere/").status_code == 404


def test_each_partner_profile_names_the_others_and_its_own_turns(financieel_huis, client):
    html = client.get("/organisaties/humanitas/").content.decode()
    assert "Samen met Schuldhulp Almere en Voedselbank in Financieel Huis Almere." in html
    assert "Wij zijn er elke dinsdag, 09:00–12:00" in html
    assert "donderdag van de maand" not in html  # the others' turns are on the shared page


def test_a_turn_counts_as_walk_in_for_its_partner(financieel_huis):
    house, partners = financieel_huis
    assert openinghours.is_open_now(partners[0], at(2026, 1, 6, 10))  # a Tuesday
    assert filtered({"open": "nu"}, at(2026, 1, 6, 10)) == ["Humanitas"]


def test_only_a_partner_can_have_a_turn(financieel_huis):
    house, partners = financieel_huis
    with pytest.raises(ValidationError, match="Alleen een partner"):
        SharedWalkInTurn(walk_in=house, organisation=make("Buiten"), weekday=0, starts=T(9), ends=T(10)).full_clean()


def test_hsds_exceptions_for_the_api(moskee):
    WalkInClosure.objects.create(organisation=moskee, starts=D(2025, 12, 24), ends=D(2026, 1, 2), reason="Kerst")
    ramadan = WalkInChangedHours.objects.create(organisation=moskee, starts=D(2026, 2, 18), ends=D(2026, 3, 19))
    WalkInChangedHour.objects.create(period=ramadan, weekday=2, starts=T(20), ends=T(22))
    found = openinghours.hsds_schedule_exceptions(moskee, today=D(2025, 12, 1))
    assert found[0]["valid_from"] == "2025-12-24" and found[0]["description"] == "Kerst"
    assert found[1]["byday"] == "WE" and found[1]["opens_at"] == "20:00" and found[1]["valid_to"] == "2026-03-19"


def test_the_demo_shows_exceptions_and_a_shared_walk_in(client):
    from members import demo

    demo.ensure_organisations()
    demo.ensure_walk_in_exceptions()
    demo.ensure_walk_in_exceptions()  # loading twice adds nothing
    assert WalkInClosure.objects.filter(reason="Kerstvakantie").count() == 1
    assert WalkInChangedHours.objects.filter(reason="Ramadan").count() == 1
    html = client.get("/organisaties/ocan-almere/").content.decode()
    assert "Deze week geen inloop op donderdag" in html
    html = client.get("/sociale-kaart/inloop/financieel-huis-almere/").content.decode()
    assert html.count('href="/organisaties/') == 3
    assert "Samen met" in client.get("/organisaties/humanitas-almere/").content.decode()
