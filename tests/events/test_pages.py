"""The agenda, event pages, registration through the site, confirmation and cancellation links."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import Registration
from tests.factories import MunicipalityFactory, TargetGroupFactory, ThemeFactory

from .conftest import people
from .factories import EventPageFactory, EventSeriesPageFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


def link_in(message, kind):
    return re.search(rf"https://kennisplatform.test/aanmelding/{kind}/[^\s]+/", message.body).group(0)


def test_agenda_lists_upcoming_events_first_and_past_ones_separately(client, index):
    soon = EventPageFactory(title="Binnenkort", start=in_days(3))
    later = EventPageFactory(title="Later", start=in_days(30))
    EventPageFactory(title="Vorige maand", start=in_days(-30), end=in_days(-30) + datetime.timedelta(hours=2))
    html = client.get("/agenda/").content.decode()
    assert html.index("Binnenkort") < html.index("Later") < html.index("Onlangs geweest") < html.index("Vorige maand")
    assert "2 komende bijeenkomsten" in html
    past = client.get("/agenda/?periode=eerder").content.decode()
    assert "Vorige maand" in past and soon.title not in past and later.title not in past


def test_agenda_filters_by_theme_municipality_format_and_month(client, index):
    theme = ThemeFactory(name="Schulden")
    almere = MunicipalityFactory(name="Almere")
    match = EventPageFactory(title="Past precies", themes=[theme], municipality=almere, start=in_days(40))
    EventPageFactory(title="Ander thema", municipality=almere, start=in_days(40))
    EventPageFactory(title="Online sessie", themes=[theme], format="online", venue_name="", start=in_days(40))
    month = timezone.localtime(match.start).strftime("%Y-%m")
    html = client.get(f"/agenda/?thema=schulden&gemeente=almere&vorm=in_person&maand={month}").content.decode()
    assert "Past precies" in html
    assert "Ander thema" not in html and "Online sessie" not in html
    assert "1 komende bijeenkomst" in html
    assert "Geen bijeenkomsten gevonden" in client.get("/agenda/?maand=1999-01").content.decode()


def test_agenda_query_count_does_not_grow_with_the_number_of_events(page_queries, index):
    theme = ThemeFactory(name="Armoede")
    for _ in range(2):
        EventPageFactory(themes=[theme])
    few = page_queries("/agenda/")
    for _ in range(6):
        EventPageFactory(themes=[theme])
    assert page_queries("/agenda/") == few


def parse_ics(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_event_calendar_file_has_the_right_time_in_amsterdam_time(client, index):
    # 14 July 2027 19:00 in Amsterdam is 17:00 UTC (summer time); 1 December 19:00 is 18:00 UTC.
    import zoneinfo

    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    summer = EventPageFactory(
        title="Zomer",
        start=datetime.datetime(2027, 7, 14, 19, tzinfo=amsterdam),
        end=datetime.datetime(2027, 7, 14, 21, tzinfo=amsterdam),
    )
    winter = EventPageFactory(
        title="Winter",
        start=datetime.datetime(2027, 12, 1, 19, tzinfo=amsterdam),
        end=datetime.datetime(2027, 12, 1, 21, tzinfo=amsterdam),
    )
    for event, utc_hour in ((summer, 17), (winter, 18)):
        calendar = parse_ics(client.get(event.url + "ical/"))
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
        (vevent,) = calendar.walk("VEVENT")
        start = vevent.decoded("DTSTART")
        assert start.utcoffset() is not None
        assert start.astimezone(datetime.UTC).hour == utc_hour
        assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert str(vevent["SUMMARY"]) == event.title
        assert vevent.decoded("DTEND") - start == datetime.timedelta(hours=2)


def test_calendar_feeds_list_upcoming_events_and_per_theme(client, index):
    theme = ThemeFactory(name="Kinderarmoede")
    EventPageFactory(title="Met thema", themes=[theme])
    EventPageFactory(title="Zonder thema")
    EventPageFactory(title="Voorbij", start=in_days(-3), end=in_days(-3) + datetime.timedelta(hours=1))
    everything = parse_ics(client.get("/agenda/ical/"))
    assert sorted(str(e["SUMMARY"]) for e in everything.walk("VEVENT")) == ["Met thema", "Zonder thema"]
    per_theme = parse_ics(client.get(f"/agenda/thema/{theme.slug}/ical/"))
    assert [str(e["SUMMARY"]) for e in per_theme.walk("VEVENT")] == ["Met thema"]
    assert client.get("/agenda/thema/bestaat-niet/ical/").status_code == 404


def assert_amsterdam_time(calendar):
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    for vevent in calendar.walk("VEVENT"):
        assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert vevent["DTEND"].params["TZID"] == "Europe/Amsterdam"


def test_calendar_feeds_carry_the_amsterdam_time_zone(client, index):
    import zoneinfo

    theme = ThemeFactory(name="Schulden")
    winter = datetime.datetime(2027, 12, 1, 19, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    EventPageFactory(title="Winteravond", themes=[theme], start=winter, end=winter + datetime.timedelta(hours=2))
    EventPageFactory(title="Gewone avond")
    for url in ("/agenda/ical/", f"/agenda/thema/{theme.slug}/ical/"):
        calendar = parse_ics(client.get(url))
        assert_amsterdam_time(calendar)
        vevent = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Winteravond")
        assert vevent.decoded("DTSTART").astimezone(datetime.UTC) == datetime.datetime(
            2027, 12, 1, 18, tzinfo=datetime.UTC
        )


def test_event_page_shows_accessibility_costs_target_groups_and_programme(client, index):
    event = EventPageFactory(
        accessibility="Rolstoeltoegankelijk, met ringleiding.\nTolk Arabisch aanwezig.",
        costs="Gratis, inclusief lunch.",
        target_groups=[TargetGroupFactory(name="Mensen met een migratieachtergrond")],
        programme=[
            {
                "type": "programme_item",
                "value": {
                    "time": datetime.time(13, 30),
                    "end_time": datetime.time(14, 15),
                    "title": "Dialoogtafels",
                    "description": "In kleine groepen.",
                    "speaker": "Dagvoorzitter",
                },
            }
        ],
    )
    html = client.get(event.url).content.decode()
    assert "Rolstoeltoegankelijk, met ringleiding.<br>Tolk Arabisch aanwezig." in html
    assert "Gratis, inclusief lunch." in html
    assert "Mensen met een migratieachtergrond" in html
    assert "Programma" in html and "Dialoogtafels" in html and "Door Dagvoorzitter" in html
    assert "<time>13:30</time>–<time>14:15</time>" in html


def test_hybrid_event_is_in_person_and_online(client, index, member):
    hybrid = EventPageFactory(
        title="Hybride sessie",
        format="hybrid",
        online_url="https://vergaderen.example/hybride",
        venue_name="Wijkcentrum Overvecht",
        start=in_days(40),
    )
    EventPageFactory(title="Alleen op locatie", start=in_days(40))
    html = client.get(hybrid.url).content.decode()
    assert "Wijkcentrum Overvecht" in html and "De link om online mee te doen krijgt u na uw aanmelding." in html
    assert "vergaderen.example/hybride" not in html
    listing = client.get("/agenda/?vorm=hybrid").content.decode()
    assert "Hybride sessie" in listing and "Alleen op locatie" not in listing
    (vevent,) = parse_ics(client.get(hybrid.url + "ical/")).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Wijkcentrum Overvecht, Dorpsstraat 1, Almere, Online"
    services.register(hybrid, user=member)
    client.force_login(member)
    assert "vergaderen.example/hybride" in client.get(hybrid.url).content.decode()
    (attached,) = Calendar.from_ical(mail.outbox[-1].attachments[0][1]).walk("VEVENT")
    assert (
        str(attached["LOCATION"]) == "Wijkcentrum Overvecht, Dorpsstraat 1, Almere, https://vergaderen.example/hybride"
    )


def test_series_with_registration_per_meeting(client, index, member):
    series = EventSeriesPageFactory(title="Losse Ontmoetingen", registration_mode="single")
    meetings = [EventPageFactory(parent=series, start=in_days(d)) for d in (5, 30)]
    assert client.get(series.url + "aanmelden/").status_code == 404
    assert "Aanmelden voor de reeks" not in client.get(meetings[0].url).content.decode()
    client.force_login(member)
    assert client.get(meetings[1].url + "aanmelden/").status_code == 200
    assert client.post(meetings[1].url + "aanmelden/", {"note": ""}).status_code == 302
    (registration,) = Registration.objects.filter(user=member)
    assert (registration.event_id, registration.status, registration.series_key) == (
        meetings[1].pk,
        Status.CONFIRMED,
        None,
    )
    assert client.post(series.url + "aanmelden/", {"note": ""}).status_code == 404
    assert Registration.objects.count() == 1


def test_online_link_is_shown_only_to_confirmed_attendees(client, index, member, other_member):
    event = EventPageFactory(format="online", venue_name="", online_url="https://vergaderen.example/geheim", capacity=1)
    services.register(event, user=member)
    services.register(event, user=other_member)  # waiting list
    assert "vergaderen.example/geheim" not in client.get(event.url).content.decode()
    assert "vergaderen.example/geheim" not in client.get(event.url + "ical/").content.decode()
    client.force_login(other_member)
    assert "vergaderen.example/geheim" not in client.get(event.url).content.decode()
    client.force_login(member)
    assert "vergaderen.example/geheim" in client.get(event.url).content.decode()
    confirmation = next(m for m in mail.outbox if m.to == [member.email])
    assert "vergaderen.example/geheim" in confirmation.body
    waiting = next(m for m in mail.outbox if m.to == [other_member.email])
    assert "vergaderen.example/geheim" not in waiting.body


def test_member_registers_through_the_site_with_a_table_and_organisation(client, table_event, member):
    from members.models import Membership, Organisation

    organisation = Organisation.objects.create(name="Moskee Almere", slug="moskee-almere", kind="informeel")
    Membership.objects.create(user=member, organisation=organisation)
    client.force_login(member)
    form_page = client.get(table_event.url + "aanmelden/").content.decode()
    assert "Noodhulp" in form_page and "2 plaatsen vrij" in form_page
    assert "nog 10 plaatsen vrij" in form_page
    table = table_event.tables.order_by("sort_order").first()
    response = client.post(
        table_event.url + "aanmelden/", {"table": table.pk, "organisation": organisation.pk, "note": "Rolstoel"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.status, registration.table, registration.organisation_kind) == (
        Status.CONFIRMED,
        table,
        "informeel",
    )
    page = client.get(table_event.url).content.decode()
    assert "U bent aangemeld." in page and "Uw dialoogtafel: Noodhulp" in page


def test_registration_form_errors_are_dutch_and_change_nothing(client, table_event):
    response = client.post(table_event.url + "aanmelden/", {"name": "", "email": "geen-adres"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit veld is verplicht." in html
    assert "Vul een geldig e-mailadres in" in html
    assert "Kies een dialoogtafel." in html
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_visitor_registers_confirms_by_email_link_and_cancels_without_logging_in(client, event):
    response = client.post(event.url + "aanmelden/", {"name": "Joost de Wit", "email": "joost@voorbeeld.nl"})
    assert response.status_code == 302
    assert Registration.objects.get().status == Status.PENDING
    confirm_url = link_in(mail.outbox[0], "bevestigen")
    # Opening the link (as a mail scanner would) changes nothing; the button does.
    assert "Ja, ik meld me aan" in client.get(confirm_url).content.decode()
    assert Registration.objects.get().status == Status.PENDING
    client.post(confirm_url)
    assert Registration.objects.get().status == Status.CONFIRMED
    cancel_url = link_in(mail.outbox[1], "afmelden")
    client.post(cancel_url)
    assert Registration.objects.get().status == Status.CANCELLED
    assert "Afgemeld" in mail.outbox[2].subject
    assert "al afgemeld" in client.get(cancel_url).content.decode()


def test_tampered_links_are_refused(client, event):
    registration = RegistrationFactory(event=event)
    token = services.cancel_token(registration)
    assert client.post(f"/aanmelding/afmelden/{token[:-2]}xx/").status_code == 404
    assert client.post(f"/aanmelding/bevestigen/{token}/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_register_page_explains_when_registration_is_closed(client, index):
    event = EventPageFactory(registration_opens=in_days(3))
    html = client.get(event.url + "aanmelden/").content.decode()
    assert "Aanmelden kan vanaf" in html and '<form class="utrecht-form' not in html
    assert client.post(event.url + "aanmelden/", {"name": "A", "email": "a@voorbeeld.nl"}).status_code == 200
    assert not Registration.objects.exists()


def test_full_event_offers_the_waiting_list(client, event):
    for person in people(3):
        services.register(event, user=person)
    html = client.get(event.url).content.decode()
    assert "Op de wachtlijst" in html and "vol" in html


def test_series_page_registers_for_all_meetings(client, index, member):
    series = EventSeriesPageFactory(title="Vier Ontmoetingen")
    meetings = [EventPageFactory(parent=series, start=in_days(d)) for d in (5, 30)]
    assert "Aanmelden voor de reeks" in client.get(meetings[0].url).content.decode()
    assert client.get(meetings[0].url + "aanmelden/").status_code == 302
    client.force_login(member)
    assert client.post(series.url + "aanmelden/", {"note": ""}).status_code == 302
    assert Registration.objects.filter(user=member, status=Status.CONFIRMED).count() == 2


def test_my_registrations_page_and_extension_point(client, index, member, django_assert_max_num_queries):
    events = [EventPageFactory(title=f"Bijeenkomst {n}", capacity=1) for n in range(3)]
    services.register(events[0], user=member)
    services.register(events[1], user=people(1, "ander")[0])
    services.register(events[1], user=member)
    client.force_login(member)
    html = client.get("/account/aanmeldingen/").content.decode()
    assert "Bijeenkomst 0" in html and "Op de wachtlijst (plaats 1)" in html and "Bijeenkomst 2" not in html
    with django_assert_max_num_queries(2):
        result = services.registrations_for_user(member)
        [row.event.title for row in result["upcoming"]]
    assert len(result["upcoming"]) == 2


def test_events_for_organisation_runs_in_constant_queries(index, django_assert_num_queries):
    from members.models import Organisation

    organisation = Organisation.objects.create(name="Humanitas", slug="humanitas", kind="formeel")
    for days in (5, 10, -10):
        EventPageFactory(
            organising_organisation=organisation, start=in_days(days), end=in_days(days) + datetime.timedelta(hours=1)
        )
    EventPageFactory()
    # One for view restrictions, one each for coming and recent events.
    with django_assert_num_queries(3):
        result = services.events_for_organisation(organisation)
    assert len(result["upcoming"]) == 2 and len(result["recent"]) == 1


def test_an_address_longer_than_the_column_gets_a_dutch_error(client, event):
    response = client.post(event.url + "aanmelden/", {"name": "Fatima", "email": "a" * 250 + "@voorbeeld.nl"})
    assert response.status_code == 400
    assert "niet meer dan 254 tekens" in response.content.decode()
    assert not Registration.objects.exists()


def test_event_pages_name_only_organisers_whose_profile_may_be_seen(client, index, member):
    from members.models import Organisation, Profile
    from tests.factories import UserFactory

    public = UserFactory(first_name="Petra", last_name="Publiek")
    Profile.objects.create(user=public, visibility="public")
    for_members = UserFactory(first_name="Lotte", last_name="Leden")
    Profile.objects.create(user=for_members, visibility="members")
    hidden = UserFactory(first_name="Henk", last_name="Verborgen")
    Profile.objects.create(user=hidden, visibility="hidden")
    without_profile = UserFactory(first_name="Zonder", last_name="Profiel")
    unverified = Organisation.objects.create(
        name="Nog niet gecontroleerd", slug="nog-niet", kind="informeel", status=Organisation.Status.AWAITING
    )
    event = EventPageFactory(
        organisers=[public, for_members, hidden, without_profile], organising_organisation=unverified
    )

    html = client.get(event.url).content.decode()
    assert "Petra Publiek" in html
    assert "Lotte Leden" not in html and "Henk Verborgen" not in html and "Zonder Profiel" not in html
    assert "Nog niet gecontroleerd" not in html
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert "Petra Publiek" in html and "Lotte Leden" in html
    assert "Henk Verborgen" not in html


def test_a_nul_character_in_a_filter_is_a_clear_400_not_a_crash(client, index):
    for url in ("/agenda/?thema=%00", "/zoeken/?theme=a%00b", "/sociale-kaart/?gemeente=%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Dit adres kunnen we niet verwerken" in response.content.decode()
