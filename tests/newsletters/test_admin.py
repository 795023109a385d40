"""Composing, previewing and sending in the Wagtail admin, per role."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from newsletters.models import Newsletter
from newsletters.suggestions import suggestions
from tests.events.factories import EventPageFactory, in_days
from tests.factories import StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def overview(newsletter):
    return f"/admin/nieuwsbrieven/{newsletter.pk}/"


def test_suggestions_are_recent_material_and_coming_meetings_of_the_segment(
    editor_client, newsletter, theme, other_theme
):
    newsletter.theme = theme
    newsletter.save()
    StoryPageFactory(title="Nieuw verhaal over armoede", themes=[theme])
    StoryPageFactory(title="Verhaal over wonen", themes=[other_theme])
    StoryPageFactory(title="Oud verhaal", themes=[theme], published=timezone.localdate() - datetime.timedelta(weeks=6))
    EventPageFactory(title="Bijeenkomst over armoede", themes=[theme])
    EventPageFactory(title="Verre bijeenkomst", themes=[theme], start=in_days(70), end=in_days(70, 21))
    EventPageFactory(title="Voorbije bijeenkomst", themes=[theme], start=in_days(-3), end=in_days(-3, 21))

    page = editor_client.get(overview(newsletter)).content.decode()
    assert "Nieuw verhaal over armoede" in page and "Bijeenkomst over armoede" in page
    for absent in ("Verhaal over wonen", "Oud verhaal", "Verre bijeenkomst", "Voorbije bijeenkomst"):
        assert absent not in page

    event = newsletter.items.model.page.field.related_model.objects.get(title="Bijeenkomst over armoede")
    response = editor_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/toevoegen/", {"page": event.pk}, follow=True)
    assert "staat nu in de nieuwsbrief" in response.content.decode()
    assert list(newsletter.items.values_list("page__title", flat=True)) == [
        "Samen tegen schulden",
        "Bijeenkomst over armoede",
    ]
    # A page that is not a suggestion (or garbage) is refused and changes nothing.
    for bad in (event.pk, "x", ""):
        response = editor_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/toevoegen/", {"page": bad}, follow=True)
        assert response.status_code == 200 and "kan niet (meer) worden toegevoegd" in response.content.decode()
    assert newsletter.items.count() == 2


def test_preview_as_html_and_text(editor_client, newsletter):
    html = editor_client.get(f"/admin/nieuwsbrieven/{newsletter.pk}/voorbeeld/")
    assert html.status_code == 200 and "Samen tegen schulden</a>" in html.content.decode()
    text = editor_client.get(f"/admin/nieuwsbrieven/{newsletter.pk}/voorbeeld.txt")
    assert text["Content-Type"].startswith("text/plain")
    assert "Welkom bij de nieuwsbrief." in text.content.decode()
    assert "<p>" not in text.content.decode()


def test_test_send_goes_only_to_the_editor(editor_client, editor, newsletter, member):
    response = editor_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/test/", follow=True)
    assert "De test is verstuurd naar redacteur@voorbeeld.nl" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["redacteur@voorbeeld.nl"]]
    assert mail.outbox[0].subject.startswith("[TEST]")
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.DRAFT and not newsletter.deliveries.exists()


def test_editor_sends_and_sees_progress(editor_client, newsletter):
    UserFactory(email="lezer@voorbeeld.nl")
    response = editor_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/versturen/", follow=True)
    content = response.content.decode()
    assert "Het versturen naar 2 adressen is begonnen" in content  # the reader and the editor, a member too
    assert "Verstuurd: 2 van 2" in content
    assert sorted(message.to[0] for message in mail.outbox) == ["lezer@voorbeeld.nl", "redacteur@voorbeeld.nl"]
    # A second click sends nothing.
    response = editor_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/versturen/", follow=True)
    assert "al verstuurd" in response.content.decode()
    assert len(mail.outbox) == 2


def test_moderator_composes_and_previews_but_cannot_send(moderator_client, newsletter):
    assert moderator_client.get("/admin/snippets/newsletters/newsletter/").status_code == 200
    assert moderator_client.get(f"/admin/snippets/newsletters/newsletter/edit/{newsletter.pk}/").status_code == 200
    page = moderator_client.get(overview(newsletter))
    assert page.status_code == 200 and "Versturen naar alle ontvangers" not in page.content.decode()
    refused = moderator_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/versturen/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail: "no permission"
    assert mail.outbox == []
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.DRAFT


def test_superuser_may_send(superuser_client, newsletter):
    assert "Versturen naar alle ontvangers" in superuser_client.get(overview(newsletter)).content.decode()
    superuser_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/versturen/")
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT


def test_member_cannot_reach_the_newsletter_admin(client, member, newsletter):
    client.force_login(member)
    for url in (
        "/admin/snippets/newsletters/newsletter/",
        overview(newsletter),
        f"/admin/nieuwsbrieven/{newsletter.pk}/voorbeeld/",
    ):
        assert client.get(url).status_code in (302, 403), url
    client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/versturen/")
    client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/test/")
    assert mail.outbox == []
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.DRAFT


def test_editor_composes_a_newsletter_in_the_snippet_editor(editor_client, story):
    assert editor_client.get("/admin/snippets/newsletters/newsletter/add/").status_code == 200
    response = editor_client.post(
        "/admin/snippets/newsletters/newsletter/add/",
        {
            "subject": "Nieuwsbrief december",
            "intro": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Hallo", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "theme": "",
            "municipality": "",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-page": story.pk,
            "items-0-ORDER": "1",
            "items-0-id": "",
            "items-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    newsletter = Newsletter.objects.get(subject="Nieuwsbrief december")
    assert newsletter.status == Newsletter.Status.DRAFT
    assert list(newsletter.items.values_list("page", flat=True)) == [story.pk]


def test_demo_has_a_sent_and_a_draft_newsletter(demo_content, client):
    sent = Newsletter.objects.get(status=Newsletter.Status.SENT)
    draft = Newsletter.objects.get(status=Newsletter.Status.DRAFT)
    assert sent.items.exists() and draft.items.exists()
    assert suggestions(draft), "the editor sees suggestions to add"
    done, total = sent.progress()
    assert total and done == total
    editor = UserFactory._meta.model.objects.filter(groups__name="Editors").first()
    client.force_login(editor)
    page = client.get(overview(draft)).content.decode()
    assert "Versturen naar alle ontvangers" in page
    assert "Verstuurd:" in client.get(overview(sent)).content.decode()


def test_a_sent_newsletter_cannot_be_edited(editor_client, newsletter, member):
    editor_client.post(f"/admin/nieuwsbrieven/{newsletter.pk}/versturen/")
    url = f"/admin/snippets/newsletters/newsletter/edit/{newsletter.pk}/"
    response = editor_client.post(
        url,
        {
            "subject": "Stiekem veranderd",
            "intro": "{}",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Een verstuurde nieuwsbrief verandert niet meer." in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.subject == "Nieuws uit het sociaal domein"
    assert "2/2" in editor_client.get("/admin/snippets/newsletters/newsletter/").content.decode()
