"""The Nu Html Checker (vnu.jar from the npm registry, on Debian's Java) finds no errors on any
page type of the demo site, also on the pages of a logged-in member and an organisation admin.
Lives with the browser tests because it reads the same demo database, filled once per session."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from .test_frame import NETWORK, PAGE_TYPES, person_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

MEMBER_PAGES = [
    "/account/",
    "/account/profiel/",
    "/account/gegevens/",
    "/account/verwijderen/",
    "/account/email/",
    "/account/2fa/",
    "/account/volgen/",
    "/bibliotheek/?thema=schulden",  # the follow button above the results
    "/organisaties/humanitas-almere/",  # the follow button on an organisation
    "/bibliotheek/insturen/",
    "/organisaties/buurtkracht-lelystad/",  # nobody manages it: "Vraag aan om het te beheren"
    "/organisaties/buurtkracht-lelystad/beheren/",
    "/organisaties/nieuw/",
    "/sociale-kaart/waar-kan-ik-terecht/",
    "/zoeken/",
]
ORGANISATION_ADMIN_PAGES = [
    "/account/organisaties/",
    "/organisaties/ocan-almere/bewerken/",
    "/organisaties/ocan-almere/leden/",
    "/organisaties/ocan-almere/meldingen/",
    "/organisaties/ocan-almere/diensten/",
    "/organisaties/ocan-almere/diensten/nieuw/",
    "/organisaties/ocan-almere/inloop/",
    NETWORK + "deelnemers/",
]


def fetch_all(tmp_path):
    from members.models import User

    files = []

    def save(client, path):
        response = client.get(path)
        assert response.status_code in (200, 400, 404), f"{path} gave {response.status_code}"
        target = tmp_path / f"page{len(files)}.html"
        target.write_bytes(response.content)
        files.append((target, path))

    visitor = Client()
    for path in [*PAGE_TYPES, person_path()]:
        save(visitor, path)
    for email, paths in (
        ("lid@kennisplatform.example", MEMBER_PAGES),
        ("organisatie@kennisplatform.example", ORGANISATION_ADMIN_PAGES),
    ):
        member = Client()
        member.force_login(User.objects.get(email=email))
        for path in paths:
            save(member, path)
    return files


def test_nu_html_checker_finds_no_errors_on_any_page_type(site, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("The Nu Html Checker needs Java and node_modules/vnu-jar; `./dev test` installs both.")
    files = fetch_all(tmp_path)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *(str(file) for file, _ in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    paths = {file.name: path for file, path in files}
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{paths.get(Path(m.get('url', '')).name)} line {m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0
