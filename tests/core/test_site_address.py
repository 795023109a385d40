"""One public address (SITE_URL) for every absolute link, whatever host a request came in on."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from wagtail.models import Site

from members.membership import invite
from members.models import Membership
from tests.factories import ContentPageFactory, UserFactory
from tests.members.conftest import make

pytestmark = pytest.mark.django_db
SITE = "https://kennisplatform.test"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def links_in(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_wagtails_site_record_follows_the_public_address(home):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("kennisplatform.test", 443)
    assert site.root_url == SITE


def test_page_addresses_use_the_public_address_even_if_the_site_record_differs(home, settings):
    Site.objects.update(hostname="localhost", port=80)
    page = ContentPageFactory(parent=home, title="Over ons", slug="over-ons")
    assert page.full_url == SITE + "/over-ons/"
    settings.SITE_URL = "https://kennis.gemeente.example"
    assert page.get_full_url() == "https://kennis.gemeente.example/over-ons/"


def test_sitemap_lists_pages_organisations_the_social_map_and_the_finder_on_the_public_address(client, home):
    ContentPageFactory(parent=home, title="Over ons", slug="over-ons")
    make("Ocan Almere", "informeel")
    make("Wacht nog", status="awaiting")
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{{{SITEMAP['s']}}}loc")]
    assert all(location.startswith(SITE + "/") for location in locations), locations
    assert SITE + "/over-ons/" in locations
    assert SITE + "/organisaties/ocan-almere/" in locations
    assert SITE + "/organisaties/wacht-nog/" not in locations
    assert SITE + "/sociale-kaart/" in locations
    assert SITE + "/sociale-kaart/waar-kan-ik-terecht/" in locations
    robots = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_filtered_lists_name_the_list_itself_as_canonical(client, home):
    html = client.get("/sociale-kaart/?soort=informeel&pagina=2", HTTP_HOST="localhost").content.decode()
    assert f'<link rel="canonical" href="{SITE}/sociale-kaart/">' in html


def test_social_map_finder_and_organisation_pages_have_a_meta_description(client, home):
    make("Ocan Almere", "informeel")
    for path in ("/sociale-kaart/", "/sociale-kaart/waar-kan-ik-terecht/", "/organisaties/ocan-almere/"):
        html = client.get(path).content.decode()
        match = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert match and len(match.group(1)) > 40, path
    assert "Ocan Almere op de sociale kaart" in client.get("/organisaties/ocan-almere/").content.decode()


def test_allauth_emails_link_to_the_public_address(client, member):
    client.post("/account/password/reset/", {"email": member.email}, HTTP_HOST="localhost")
    (message,) = mail.outbox
    links = links_in(message.body)
    assert any("/account/password/reset/key/" in link for link in links)
    assert all(link.startswith(SITE + "/") for link in links), links


def test_membership_emails_link_to_the_public_address(db):
    organisation = make("Ocan Almere", "informeel")
    admin = UserFactory(email="beheer@voorbeeld.nl")
    Membership.objects.create(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    invite(organisation, admin, "nieuw@voorbeeld.nl")
    links = links_in(mail.outbox[-1].body)
    assert links and all(link.startswith(SITE + "/uitnodiging/") for link in links), links


def test_the_organisations_api_links_to_the_public_address(client, db):
    make("Ocan Almere", "informeel")
    data = client.get("/api/v1/organisations/", HTTP_HOST="localhost").json()
    assert data["contents"][0]["uri"] == SITE + "/organisaties/ocan-almere/"
