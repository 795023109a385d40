"""Editors and moderators look at material before it is public: the preview panel, old revisions, the workflow link."""

import re

import pytest
from django.core import mail

from tests.factories import StoryPageFactory, ThemeFactory

from .test_submissions import form_data, library_index, moderator, submitter, verified_org  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home):
    related = ThemeFactory(name="Schulden", slug="schulden")
    StoryPageFactory(title="Ander verhaal over schulden", themes=[related], tags=["inloop"])
    return StoryPageFactory(title="Inloop in de moskee", themes=[related], tags=["inloop", "moskee"])


def test_an_old_revision_of_material_with_themes_and_tags_shows(editor_client, story):
    revision = story.latest_revision
    response = editor_client.get(f"/admin/pages/{story.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inloop in de moskee" in html
    # Related material comes from the previewed themes and tags.
    assert "Ander verhaal over schulden" in html


def test_the_preview_panel_shows_unsaved_themes_and_tags(editor_client, story):
    theme = ThemeFactory(name="Armoede", slug="armoede")
    url = f"/admin/pages/{story.pk}/edit/preview/"
    data = {
        "title": "Inloop in de moskee (concept)",
        "slug": story.slug,
        "summary": story.summary,
        "body-count": "0",
        "published": "2026-01-05",
        "themes": [theme.pk, *story.themes.values_list("pk", flat=True)],
        "tags": "inloop, nieuw-trefwoord",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post(url, data)
    assert response.json()["is_valid"], response.content
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inloop in de moskee (concept)" in html
    assert "Ander verhaal over schulden" in html


def test_the_preview_link_in_the_moderation_email_shows_the_submission(
    client, submitter, verified_org, moderator, library_index
):
    client.force_login(submitter)
    data = form_data(verified_org)
    response = client.post("/bibliotheek/insturen/", data)
    assert response.status_code == 302
    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    assert to_moderator, [message.subject for message in mail.outbox]
    link = re.search(r"https?://[^/\s]+(/admin/pages/workflow/preview/\d+/\d+/)", to_moderator[0].body).group(1)

    client.logout()
    client.force_login(moderator)
    response = client.get(link)
    assert response.status_code == 200
    assert data["title"] in response.content.decode()
