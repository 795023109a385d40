"""Security headers on every response: a Content-Security-Policy without inline scripts on the site,
framing denied, Cross-Origin-Opener-Policy and Permissions-Policy."""

import pytest

from tests.conftest import with_totp

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: values for name, _sp, values in (part.strip().partition(" ") for part in policy.split(";"))}


def test_public_pages_allow_scripts_from_this_site_only_and_cannot_be_framed(client, home):
    response = client.get("/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_map_tiles_are_the_only_other_image_source(client, home, settings):
    assert directives(client.get("/"))["img-src"].split() == ["'self'", "data:"]  # tests run without tiles
    settings.MAP_TILE_URL = "https://tegels.voorbeeld.nl/wmts/{z}/{x}/{y}.png"
    assert directives(client.get("/"))["img-src"].split() == ["'self'", "data:", "https://tegels.voorbeeld.nl"]


def test_the_admin_keeps_wagtails_inline_scripts_but_is_never_framed(client, superuser):
    with_totp(superuser)
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == "'none'"


def test_wagtails_preview_may_be_framed_by_the_admin_only_and_keeps_the_public_policy(client, superuser, content_page):
    with_totp(superuser)
    client.force_login(superuser)
    url = f"/admin/pages/{content_page.pk}/edit/preview/"
    # As the preview panel does: the editor's form first, then the preview renders the page through a
    # simulated front-end request.
    form = {"title": "Over het platform (concept)", "slug": content_page.slug, "body-count": "0"}
    assert client.post(url, form).json() == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    assert b"Over het platform (concept)" in response.content
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = directives(response)
    assert policy["frame-ancestors"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
