"""Media on S3-compatible storage: with S3_BUCKET set, the production settings store uploads in the
bucket (here a local S3 stand-in, moto's server), private, behind signed links that expire."""

import json
import secrets
import subprocess
import sys
import urllib.error
import urllib.request

import boto3
import pytest
from django.conf import settings
from moto.server import ThreadedMotoServer

from .test_two_servers import free_port

KEYS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing"}

STORE_AND_LINK = """
import json
from django.core.files.base import ContentFile
from django.core.files.storage import storages
media = storages["default"]
name = media.save("documents/verslag.txt", ContentFile(b"Verslag van de dialoogtafel"))
print(json.dumps({"backend": type(media).__module__, "name": name, "url": media.url(name)}))
"""


@pytest.fixture
def s3():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-west-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(Bucket="kennisplatform-media", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    yield endpoint
    server.stop()


def test_uploads_go_to_the_bucket_and_are_reachable_only_through_signed_links(s3, tmp_path):
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "kennisplatform.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "SITE_URL": "https://kennisplatform.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "S3_BUCKET": "kennisplatform-media",
        "S3_ENDPOINT_URL": s3,
        "S3_REGION": "eu-west-1",
        **KEYS,
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", STORE_AND_LINK],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    stored = json.loads(run.stdout.strip().splitlines()[-1])
    assert stored["backend"] == "storages.backends.s3"
    assert not (tmp_path / "media").exists()  # nothing on this server's disk

    bucket = boto3.client(
        "s3", endpoint_url=s3, region_name="eu-west-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    key = f"media/{stored['name']}"
    assert bucket.get_object(Bucket="kennisplatform-media", Key=key)["Body"].read() == b"Verslag van de dialoogtafel"

    assert "Signature=" in stored["url"] and "Expires=" in stored["url"]
    with urllib.request.urlopen(stored["url"], timeout=10) as response:
        assert response.read() == b"Verslag van de dialoogtafel"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(stored["url"].split("?")[0], timeout=10)
    assert refused.value.code == 403
