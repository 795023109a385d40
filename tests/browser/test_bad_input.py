"""Stored bad input is rendered as text everywhere: a real browser visits the public pages, the member
pages and the Wagtail admin with script payloads in names, titles and descriptions, and fails on any
script dialog."""

import pytest

from core.taxonomy import Municipality, Theme
from events.models import EventPage, Registration
from library.models import LibraryIndexPage, StoryPage
from members.models import Organisation, Profile
from tests.factories import StoryPageFactory

from .conftest import log_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(2)</script>',
    "'><svg onload=confirm(3)>",
    "</title><script>prompt(4)</script>",
    "{{ 7*7 }}<iframe src=javascript:alert(5)>",
]


@pytest.fixture
def poisoned(site, demo_changes):
    """Payloads stored as the ORM would store any accepted value (rules before the text rules, imports)."""
    almere = Municipality.objects.get(name="Almere")
    theme = Theme.objects.create(name=PAYLOADS[0][:80])
    organisation = Organisation.objects.create(
        name=PAYLOADS[1],
        slug="payload-organisatie",
        kind="informeel",
        status="verified",
        municipality=almere,
        description=PAYLOADS[2],
        neighbourhood=PAYLOADS[3],
        address=PAYLOADS[4],
        city=PAYLOADS[0],
        latitude="52.37",
        longitude="5.21",
    )
    organisation.services.add(theme)
    organisation.save()
    story = StoryPageFactory(
        parent=LibraryIndexPage.objects.get(),
        title=PAYLOADS[3],
        summary=PAYLOADS[1],
        themes=[theme],
        body=[{"type": "paragraph", "value": "<p>" + PAYLOADS[0].replace("<", "&lt;") + "</p>"}],
    )
    StoryPage.objects.filter(pk=story.pk).update(contact_name=PAYLOADS[2])
    from members.models import User

    member = User.objects.get(email="lid@kennisplatform.example")
    member.first_name, member.last_name = PAYLOADS[4], PAYLOADS[1]
    member.save()
    Profile.objects.update_or_create(
        user=member, defaults={"role": PAYLOADS[2], "bio": PAYLOADS[0], "visibility": Profile.Visibility.PUBLIC}
    )
    event = EventPage.objects.live().order_by("-start").first()
    Registration.objects.create(
        event=event,
        name=PAYLOADS[0],
        email="gast@voorbeeld.nl",
        organisation_name=PAYLOADS[1],
        note=PAYLOADS[2],
        status=Registration.Status.CONFIRMED,
    )
    return {"organisation": organisation, "story": story, "profile": member.profile, "event": event}


def test_no_script_runs_from_stored_input_on_the_site_or_in_the_admin(page, site, poisoned):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    page.goto(site.url + "/")
    page.evaluate("alert('controle')")  # the listener works: a dialog is seen
    assert [message for _url, message in dialogs] == ["controle"]
    dialogs.clear()
    public = [
        "/",
        "/sociale-kaart/",
        "/organisaties/payload-organisatie/",
        "/bibliotheek/",
        poisoned["story"].url,
        f"/mensen/{poisoned['profile'].pk}/",
        "/zoeken/?q=" + PAYLOADS[1],
        "/zoeken/?q=schulden",
        "/sociale-kaart/waar-kan-ik-terecht/",
        "/agenda/",
        poisoned["event"].url,
    ]
    for path in public:
        page.goto(site.url + path)
    assert page.locator("body").count() == 1

    log_in_to_admin(page, site, "beheerder@kennisplatform.example")
    admin = [
        "/admin/",
        "/admin/snippets/members/organisation/",
        f"/admin/snippets/members/organisation/edit/{poisoned['organisation'].pk}/",
        f"/admin/pages/{poisoned['story'].pk}/edit/",
        f"/admin/pages/{poisoned['story'].pk}/view_draft/",
        f"/admin/pages/{LibraryIndexPage.objects.get().pk}/",
        "/admin/users/",
        "/admin/snippets/core/theme/",
        "/admin/pages/search/?q=" + PAYLOADS[3],
        poisoned["event"].url + "deelnemers/",
    ]
    for path in admin:
        page.goto(site.url + path)
        page.wait_for_load_state("load")
    assert dialogs == []
