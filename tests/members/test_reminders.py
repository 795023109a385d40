import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from members.models import Membership, Organisation
from members.reminders import send_profile_reminders
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def stale(db):
    organisation = Organisation.objects.create(
        name="Diaconie Ede",
        slug="diaconie-ede",
        kind="informeel",
        status="verified",
        last_confirmed=TODAY - datetime.timedelta(days=400),
    )
    Membership.objects.create(user=UserFactory(email="beheer@diaconie.nl"), organisation=organisation, role="admin")
    Membership.objects.create(user=UserFactory(email="lid@diaconie.nl"), organisation=organisation, role="member")
    return organisation


def test_admins_of_stale_profiles_get_one_reminder(stale):
    fresh = Organisation.objects.create(
        name="Vers", slug="vers", kind="formeel", status="verified", last_confirmed=TODAY
    )
    Membership.objects.create(user=UserFactory(email="vers@voorbeeld.nl"), organisation=fresh, role="admin")
    assert send_profile_reminders(today=TODAY) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["beheer@diaconie.nl"]
    assert "Diaconie Ede" in mail.outbox[0].subject
    # The link goes to the edit page, where the admin confirms the profile.
    assert "/organisaties/diaconie-ede/bewerken/" in mail.outbox[0].body
    # Running again (cron runs daily) sends nothing more.
    assert send_profile_reminders(today=TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_a_confirmed_profile_that_goes_stale_again_gets_a_new_reminder(stale):
    send_profile_reminders(today=TODAY)
    stale.last_confirmed = TODAY
    stale.save()
    later = TODAY + datetime.timedelta(days=400)
    assert send_profile_reminders(today=later) == 1
    assert len(mail.outbox) == 2


def test_unverified_and_archived_profiles_are_not_reminded(stale):
    stale.status = "archived"
    stale.save()
    assert send_profile_reminders(today=TODAY) == 0
    assert mail.outbox == []


def test_command_reports_the_count(stale):
    out = io.StringIO()
    call_command("send_profile_reminders", stdout=out)
    assert "1 organisatie(s)" in out.getvalue()
