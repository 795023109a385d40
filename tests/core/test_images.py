"""Uploaded photos lose their EXIF location and author, in the original and in every rendition; huge images are refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model

from core.images import reencode
from tests.conftest import with_totp
from tests.library.test_submissions import form_data, library_index, submitter, verified_org  # noqa: F401
from tests.members.test_organisation_forms import ocan, org_admin, profile  # noqa: F401

pytestmark = pytest.mark.django_db
Image = get_image_model()
GPS_LATITUDE = (52.0, 22.0, 15.5)


def photo_with_location(name="foto.jpg", image_format="JPEG", size=(300, 200)):
    image = PILImage.new("RGB", size, "teal")
    exif = PILImage.Exif()
    exif[ExifTags.Base.Artist] = "Fatima el Amrani"
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone turned: show rotated by 90 degrees
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (5.0, 13.0, 1.0),
        }
    )
    buffer = io.BytesIO()
    image.save(buffer, image_format, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def metadata_of(data):
    with PILImage.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {
            "artist": exif.get(ExifTags.Base.Artist),
            "gps": dict(exif.get_ifd(ExifTags.IFD.GPSInfo)),
            "raw": image.info.get("exif", b""),
            "size": image.size,
        }


def assert_clean(image):
    with image.open_file() as stored:
        data = stored.read()
    assert b"Fatima" not in data
    found = metadata_of(data)
    assert found["artist"] is None and found["gps"] == {} and b"Fatima" not in found["raw"]
    # The phone's orientation is kept by turning the pixels.
    assert found["size"] == (200, 300) == (image.width, image.height)
    rendition = image.get_rendition("fill-100x100")
    with rendition.file.open("rb") as thumbnail:
        data = thumbnail.read()
    assert b"Fatima" not in data and metadata_of(data)["gps"] == {}


def test_the_test_photo_really_carries_a_location():
    found = metadata_of(photo_with_location().read())
    assert found["artist"] == "Fatima el Amrani" and found["gps"]


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_reencoding_drops_the_metadata_of_every_format(image_format):
    data, width, height = reencode(photo_with_location(image_format=image_format))
    found = metadata_of(data)
    assert found["artist"] is None and found["gps"] == {}
    assert (width, height) == (200, 300)


def test_a_story_photo_loses_its_location(client, submitter, verified_org, library_index):
    client.force_login(submitter)
    response = client.post(
        "/bibliotheek/insturen/", form_data(verified_org, image=photo_with_location(), image_alt="Het spreekuur")
    )
    assert response.status_code == 302
    assert_clean(Image.objects.get())


def test_an_organisation_logo_loses_its_location(client, org_admin, ocan):
    response = client.post(
        "/organisaties/ocan-almere/bewerken/", profile(ocan, logo_upload=photo_with_location("logo.jpg"))
    )
    assert response.status_code == 302, response.context["form"].errors
    ocan.refresh_from_db()
    assert_clean(ocan.logo)


def test_an_image_uploaded_in_the_wagtail_admin_loses_its_location(client, editor):
    with_totp(editor)
    client.force_login(editor)
    response = client.post("/admin/images/add/", {"title": "Spreekuur", "file": photo_with_location()})
    assert response.status_code == 302
    assert_clean(Image.objects.get())


def huge_png():
    buffer = io.BytesIO()
    PILImage.new("1", (9000, 9000)).save(buffer, "PNG")
    return SimpleUploadedFile("groot.png", buffer.getvalue(), content_type="image/png")


def test_a_huge_story_photo_is_refused_in_dutch(client, submitter, verified_org, library_index):
    client.force_login(submitter)
    response = client.post("/bibliotheek/insturen/", form_data(verified_org, image=huge_png(), image_alt="Groot"))
    assert response.status_code == 200
    assert "9000 × 9000 pixels" in " ".join(response.context["form"].errors["image"])
    assert not Image.objects.exists()


def test_a_huge_image_is_refused_in_the_wagtail_admin(client, editor):
    with_totp(editor)
    client.force_login(editor)
    response = client.post("/admin/images/add/", {"title": "Groot", "file": huge_png()})
    assert response.status_code == 200
    assert not Image.objects.exists()
