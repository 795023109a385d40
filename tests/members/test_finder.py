"""The finder in plain language: residents' questions mapped to themes, every municipality, national help."""

import datetime

import pytest

from core.taxonomy import Municipality
from members.models import NationalHelp

from .conftest import make, question

pytestmark = pytest.mark.django_db

URL = "/sociale-kaart/waar-kan-ik-terecht/"


@pytest.fixture
def finder(db):
    rent = question("Ik kan mijn huur of energie niet betalen", "huur-of-energie", ["Geldzorgen", "Urgente nood"])
    debts = question("Ik heb schulden", "schulden", ["Schulden"])
    make("Moskee Almere", "informeel", services=["Urgente nood"], walk_ins=[(4, datetime.time(14), datetime.time(16))])
    make("Gemeente Almere", services=["Geldzorgen", "Schulden"])
    make("Alleen schulden", services=["Schulden"])
    make("Moskee Ede", "informeel", municipality="Ede", services=["Urgente nood"])
    legal = NationalHelp.objects.create(name="Het Juridisch Loket", description="Gratis advies.", phone="0900-8020")
    legal.questions.set([rent])
    NationalHelp.objects.create(name="113 Zelfmoordpreventie", description="Praat erover.", phone="0800-0113")
    food = NationalHelp.objects.create(name="Voedselbanken", description="Een pakket.")
    food.questions.set([debts])
    return rent


def test_the_choices_are_the_residents_questions_and_every_municipality(client, finder):
    html = client.get(URL).content.decode()
    assert "Ik kan mijn huur of energie niet betalen" in html and "Ik heb schulden" in html
    assert 'type="radio"' in html
    municipalities = html.split('id="finder-gemeente"')[1].split("</select>")[0]
    assert municipalities.count('<option value="') - 1 == Municipality.objects.count() >= 342  # "Kies uw gemeente"
    assert '<option value="zeewolde">Zeewolde</option>' in html


def test_a_question_finds_organisations_helping_with_any_of_its_themes(client, finder):
    response = client.get(URL, {"vraag": "huur-of-energie", "gemeente": "almere"})
    results = response.context["results"]
    assert [o.name for o in results["informeel"]] == ["Moskee Almere"]
    assert [o.name for o in results["formeel"]] == ["Gemeente Almere"]  # not "Alleen schulden"
    html = response.content.decode()
    assert "Hulp in Almere: Ik kan mijn huur of energie niet betalen" in html
    # National help for this question and for every question follows the local help; other questions' help does not.
    assert "Ook voor iedereen in Nederland" in html
    assert "Het Juridisch Loket" in html and 'href="tel:08000113"' in html
    assert "Voedselbanken" not in html


def test_where_nothing_local_is_known_the_finder_shows_national_help(client, finder):
    response = client.get(URL, {"vraag": "huur-of-energie", "gemeente": "zeewolde"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "We kennen in Zeewolde nog geen organisaties die hierbij helpen." in html
    assert "Hulp voor iedereen in Nederland" in html
    assert "Het Juridisch Loket" in html and "113 Zelfmoordpreventie" in html
    assert 'href="tel:09008020"' in html


@pytest.mark.parametrize(
    "query",
    [
        {"vraag": "bestaat-niet", "gemeente": "almere"},
        {"vraag": "schulden", "gemeente": "atlantis"},
        {"vraag": "<script>", "gemeente": ""},
    ],
)
def test_unknown_choices_get_a_clear_dutch_error(client, finder, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "Kies uw vraag en uw gemeente." in response.content.decode()
    assert "results" not in response.context


def test_editors_keep_questions_and_national_help_in_the_admin(client, editor, finder):
    from tests.conftest import with_totp

    with_totp(editor)
    client.force_login(editor)
    assert client.get("/admin/snippets/members/finderquestion/").status_code == 200
    assert client.get("/admin/snippets/members/nationalhelp/add/").status_code == 200
