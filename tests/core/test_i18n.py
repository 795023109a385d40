import pytest

pytestmark = pytest.mark.django_db


def test_interface_is_dutch_even_if_the_browser_prefers_english(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl"' in html
    assert "Naar de inhoud" in html


def test_language_switch_changes_the_interface_to_english_and_back(client, home):
    response = client.post("/taal/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert "Log in" in html
    # The switch now offers the way back, labelled in its own language.
    assert 'lang="nl">Nederlands</button>' in html

    client.post("/taal/", {"language": "nl", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="nl"' in html
    assert "Inloggen" in html


def test_account_pages_are_in_dutch(client, db):
    html = client.get("/account/login/").content.decode()
    assert "Inloggen" in html
    assert "Wachtwoord" in html
