"""'Klopt er iets niet?': anyone reports an error on a profile; the organisation's admins (or the editors when it
has none) hear of it and fix or dismiss it; the reporter, if they left an address, is told and then forgotten."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core import personal_data
from corrections.models import ErrorReport
from corrections.services import CorrectionError, close_report
from members.models import Membership
from tests.factories import UserFactory
from tests.members.conftest import make
from tests.members.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    org = make("Buurthuis De Brug")
    org.last_confirmed = datetime.date(2024, 1, 1)
    org.save()
    return org


@pytest.fixture
def org_admin(organisation):
    user = UserFactory(email="admin@debrug.nl")
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def other_admin():
    user = UserFactory(email="admin@elders.nl")
    MembershipFactory(user=user, organisation=make("Elders"), role=Membership.Role.ADMIN)
    return user


def report_url(org):
    return f"/organisaties/{org.slug}/klopt-er-iets-niet/"


def queue_url(org):
    return f"/organisaties/{org.slug}/meldingen/"


def post_report(client, org, **data):
    return client.post(
        report_url(org), {"field_group": "contact", "text": "Het telefoonnummer is 020 123 4567.", **data}
    )


def an_open_report(org, email="melder@voorbeeld.nl"):
    return ErrorReport.objects.create(organisation=org, field_group="hours", text="Dinsdag dicht", reporter_email=email)


def test_every_profile_links_to_the_form(client, organisation):
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Klopt er iets niet?" in html and report_url(organisation) in html


def test_a_visitor_reports_and_the_admins_are_emailed(client, organisation, org_admin, mailoutbox):
    assert client.get(report_url(organisation)).status_code == 200

    response = post_report(client, organisation, reporter_email="melder@voorbeeld.nl")

    assert response.status_code == 302 and response.url.endswith("/klopt-er-iets-niet/bedankt/")
    assert "Bedankt voor uw melding" in client.get(response.url).content.decode()
    report = ErrorReport.objects.get()
    assert (report.organisation, report.status, report.reporter_email) == (organisation, "open", "melder@voorbeeld.nl")
    assert [m.to for m in mailoutbox] == [["admin@debrug.nl"]]
    assert "020 123 4567" in mailoutbox[0].body and queue_url(organisation) in mailoutbox[0].body


def test_without_admins_the_editors_are_emailed(client, organisation, editor, mailoutbox):
    post_report(client, organisation)
    assert [m.to for m in mailoutbox] == [["redacteur@voorbeeld.nl"]]
    assert "/admin/snippets/corrections/errorreport/" in mailoutbox[0].body


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "   "},
        {"field_group": "onzin"},
        {"field_group": ""},
        {"reporter_email": "geen-adres"},
        {"text": "x" * 2001},
    ],
)
def test_bad_input_gets_a_dutch_error_and_stores_nothing(client, organisation, org_admin, data, mailoutbox):
    response = post_report(client, organisation, **data)
    assert response.status_code == 400
    assert "utrecht-form-field-error-message" in response.content.decode() or "error" in response.content.decode()
    assert not ErrorReport.objects.exists() and not mailoutbox


def test_the_honeypot_stores_nothing_but_thanks(client, organisation, org_admin, mailoutbox):
    response = post_report(client, organisation, website="http://spam.example")
    assert response.status_code == 302
    assert not ErrorReport.objects.exists() and not mailoutbox


def test_only_public_profiles_take_reports(client):
    hidden = make("Nog niet geverifieerd", status="awaiting")
    assert client.get(report_url(hidden)).status_code == 404
    assert post_report(client, hidden).status_code == 404
    assert client.get("/organisaties/bestaat-niet/klopt-er-iets-niet/").status_code == 404


def test_reports_are_rate_limited_per_address(client, organisation, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "error_report": "100/h/ip,2/d/key"}
    for _ in range(2):
        assert post_report(client, organisation, reporter_email="a@voorbeeld.nl").status_code == 302
    assert post_report(client, organisation, reporter_email="A@voorbeeld.nl ").status_code == 429
    assert post_report(client, organisation, reporter_email="b@voorbeeld.nl").status_code == 302
    assert ErrorReport.objects.count() == 3


def test_reports_are_rate_limited_per_ip(organisation, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "error_report": "3/h/ip,100/d/key"}
    visitor = Client(REMOTE_ADDR="192.0.2.5")
    for n in range(3):
        assert post_report(visitor, organisation, reporter_email=f"m{n}@voorbeeld.nl").status_code == 302
    assert post_report(visitor, organisation, reporter_email="m9@voorbeeld.nl").status_code == 429
    assert ErrorReport.objects.count() == 3
    assert post_report(Client(REMOTE_ADDR="192.0.2.9"), organisation).status_code == 302


# The queue


def test_the_admin_fixes_a_report(client, organisation, org_admin, mailoutbox):
    report = an_open_report(organisation)
    client.force_login(org_admin)
    assert "Dinsdag dicht" in client.get(queue_url(organisation)).content.decode()

    response = client.post(f"{queue_url(organisation)}{report.pk}/", {f"r{report.pk}-status": "fixed"})

    assert response.status_code == 302
    report.refresh_from_db()
    organisation.refresh_from_db()
    assert (report.status, report.handled_by, report.reporter_email) == ("fixed", org_admin, "")
    assert organisation.last_confirmed == timezone.localdate()
    assert [m.to for m in mailoutbox] == [["melder@voorbeeld.nl"]]
    assert "De pagina is aangepast" in mailoutbox[0].body


def test_dismissing_needs_a_reason(client, organisation, org_admin, mailoutbox):
    report = an_open_report(organisation)
    client.force_login(org_admin)
    url = f"{queue_url(organisation)}{report.pk}/"

    response = client.post(url, {f"r{report.pk}-status": "dismissed", f"r{report.pk}-reason": " "}, follow=True)
    assert "Geef een reden" in response.content.decode()
    report.refresh_from_db()
    assert report.is_open and report.reporter_email and not mailoutbox

    client.post(url, {f"r{report.pk}-status": "dismissed", f"r{report.pk}-reason": "Klopt wel"})
    report.refresh_from_db()
    organisation.refresh_from_db()
    assert (report.status, report.reason, report.reporter_email) == ("dismissed", "Klopt wel", "")
    assert organisation.last_confirmed == datetime.date(2024, 1, 1)
    assert "Klopt wel" in mailoutbox[0].body


def test_a_closed_report_cannot_be_closed_again(organisation, org_admin):
    report = an_open_report(organisation, email="")
    close_report(report, org_admin, "fixed")
    with pytest.raises(CorrectionError):
        close_report(report, org_admin, "dismissed", "toch niet")
    with pytest.raises(CorrectionError):
        close_report(an_open_report(organisation), org_admin, "open")


def test_no_email_to_a_reporter_without_address(organisation, org_admin, mailoutbox):
    close_report(an_open_report(organisation, email=""), org_admin, "fixed")
    assert not mailoutbox


def test_bad_status_in_the_queue_changes_nothing(client, organisation, org_admin):
    report = an_open_report(organisation)
    client.force_login(org_admin)
    response = client.post(f"{queue_url(organisation)}{report.pk}/", {f"r{report.pk}-status": "open"}, follow=True)
    assert "Kies of de melding" in response.content.decode()
    report.refresh_from_db()
    assert report.is_open
    assert client.post(f"{queue_url(organisation)}999999/", {}).status_code == 404
    assert client.get(f"{queue_url(organisation)}{report.pk}/").status_code == 405


@pytest.mark.parametrize("role", ["anonymous", "member", "other_admin", "editor", "moderator", "superuser"])
def test_only_the_organisations_admins_see_its_queue(client, organisation, role, other_admin, superuser, editor):
    from django.contrib.auth.models import Group

    report = an_open_report(organisation)
    users = {
        "member": MembershipFactory(organisation=organisation).user,
        "other_admin": other_admin,
        "editor": editor,
        "superuser": superuser,
    }
    if role == "moderator":
        users["moderator"] = UserFactory(email="moderator@voorbeeld.nl")
        users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(queue_url(organisation))
    assert response.status_code == (302 if role == "anonymous" else 404)
    post = client.post(f"{queue_url(organisation)}{report.pk}/", {f"r{report.pk}-status": "fixed"})
    assert post.status_code in ((302,) if role == "anonymous" else (404,))
    report.refresh_from_db()
    assert report.is_open


def test_editors_see_reports_in_the_wagtail_admin(editor_client, organisation):
    an_open_report(organisation)
    response = editor_client.get("/admin/snippets/corrections/errorreport/?status=open")
    assert response.status_code == 200
    assert "Buurthuis De Brug" in response.content.decode()


# Personal data


def test_old_reporter_addresses_are_purged(organisation, settings):
    settings.CORRECTIONS_PERSONAL_DATA_RETENTION_MONTHS = 6
    old, new = an_open_report(organisation), an_open_report(organisation)
    ErrorReport.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(days=200))

    lines = personal_data.purge()

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.reporter_email == "" and new.reporter_email == "melder@voorbeeld.nl"
    assert any("Foutmeldingen: 1" in line for line in lines)


def test_handled_reports_are_in_the_export_and_survive_the_account(organisation, org_admin):
    close_report(an_open_report(organisation, email=""), org_admin, "fixed")
    assert personal_data.export(org_admin)["error_reports_handled"][0]["organisation"] == "Buurthuis De Brug"
    org_admin.delete()
    assert ErrorReport.objects.get().handled_by is None


def test_the_demo_shows_an_open_report(db):
    call_command("load_demo_content", force=True, stdout=open("/dev/null", "w"))
    assert ErrorReport.objects.open().exists()


# Editors close reports in the Wagtail admin through the same rules


def admin_edit(editor_client, report, **changes):
    data = {
        "organisation": report.organisation_id,
        "field_group": report.field_group,
        "text": report.text,
        "status": report.status,
        "reason": report.reason,
        **changes,
    }
    return editor_client.post(f"/admin/snippets/corrections/errorreport/edit/{report.pk}/", data)


def test_an_editor_fixing_a_report_in_the_admin_tells_the_reporter(editor_client, organisation, mailoutbox):
    report = an_open_report(organisation)
    response = admin_edit(editor_client, report, status="fixed")
    assert response.status_code == 302
    report.refresh_from_db()
    organisation.refresh_from_db()
    assert report.status == "fixed" and report.handled_by.email == "redacteur@voorbeeld.nl"
    assert report.reporter_email == "" and organisation.last_confirmed == timezone.localdate()
    assert [message.to for message in mailoutbox] == [["melder@voorbeeld.nl"]]


def test_dismissing_in_the_admin_needs_a_reason(editor_client, organisation, mailoutbox):
    report = an_open_report(organisation)
    response = admin_edit(editor_client, report, status="dismissed")
    assert response.status_code == 200
    assert "Geef een reden waarom u de melding afwijst." in response.content.decode()
    report.refresh_from_db()
    assert report.is_open and report.reporter_email and not mailoutbox
    assert admin_edit(editor_client, report, status="dismissed", reason="Dit klopt wel.").status_code == 302
    report.refresh_from_db()
    assert report.status == "dismissed" and "Dit klopt wel." in mailoutbox[0].body


def test_a_closed_report_is_not_reopened_or_closed_again(editor_client, organisation, org_admin, mailoutbox):
    report = close_report(an_open_report(organisation), org_admin, "fixed")
    mailoutbox.clear()
    response = admin_edit(editor_client, report, status="dismissed", reason="Toch niet.")
    assert "Deze melding is al afgehandeld." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "fixed" and not mailoutbox
