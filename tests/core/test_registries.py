"""A new app plugs into the personal-data export, erasure and retention, and into pages of other apps,
through core's registries alone (core/personal_data.py, core/sections.py)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core import personal_data, sections
from members.services import erase_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions_app():
    """A made-up app "questions" that stores one question per member and shows them on the account page."""
    questions = {}
    personal_data.register(
        "questions",
        export=lambda user: {"questions": [questions[user.pk]] if user.pk in questions else []},
        erase=lambda user: questions.pop(user.pk, None),
        purge=lambda: "Oude vragen verwijderd: 0.",
    )
    sections.register(
        sections.ACCOUNT,
        "tests/question_section.html",
        lambda request, user: {"question": questions.get(user.pk, "")},
        order=15,
    )
    yield questions
    del personal_data._providers["questions"]
    del sections._sections[(sections.ACCOUNT, "tests/question_section.html")]


@pytest.fixture
def section_template(settings, tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "question_section.html").write_text('<p id="my-question">{{ question }}</p>\n')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]


def test_a_registered_app_is_in_the_export_the_erasure_and_the_purge(client, member, questions_app):
    questions_app[member.pk] = "Waar vind ik een schuldhulpmaatje?"
    client.force_login(member)

    export = client.get("/account/gegevens/?download=1").json()
    assert export["questions"] == ["Waar vind ik een schuldhulpmaatje?"]
    assert export["account"]["email"] == member.email  # the account's own data is still there

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Oude vragen verwijderd: 0." in out.getvalue()
    assert "Oude zoekstatistieken verwijderd" in out.getvalue()  # the other apps' purges still run

    erase_account(member)
    assert questions_app == {}
    assert not get_user_model().objects.filter(pk=member.pk).exists()


def test_a_registered_section_is_shown_on_the_account_page_in_its_place(
    client, member, questions_app, section_template
):
    questions_app[member.pk] = "Hoe werkt een dialoogtafel?"
    client.force_login(member)

    html = client.get("/account/").content.decode()

    assert '<p id="my-question">Hoe werkt een dialoogtafel?</p>' in html
    # order 15: after the registrations (events, 10), before the submissions (library, 20)
    assert html.index("my-registrations-heading") < html.index("my-question") < html.index("account-submissions")
