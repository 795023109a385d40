"""`strip_image_metadata` cleans images stored before uploads were re-encoded, with their renditions; twice is safe."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.images import get_image_model

from .test_images import metadata_of, photo_with_location

pytestmark = pytest.mark.django_db
Image = get_image_model()


def stored_as_before_reencoding():
    """An image row whose file still has its EXIF: written straight to storage, as older uploads were."""
    name = default_storage.save("original_images/oude-foto.jpg", ContentFile(photo_with_location().read()))
    return Image.objects.create(title="Oude foto", file=name, width=300, height=200)


@pytest.fixture
def run(run_command):
    return lambda: run_command("strip_image_metadata")


def test_old_images_and_their_renditions_lose_location_and_author_and_a_second_run_changes_nothing(run):
    image = stored_as_before_reencoding()
    with image.open_file() as stored:
        assert metadata_of(stored.read())["gps"]
    old_rendition_name = image.get_rendition("width-100").file.name

    out, err = run()
    assert "1 afbeeldingen bekeken, 1 ontdaan van metadata, 1 renditions verwijderd" in out
    assert err == ""
    image.refresh_from_db()
    with image.open_file() as stored:
        data = stored.read()
    found = metadata_of(data)
    assert b"Fatima" not in data and not found["gps"] and found["artist"] is None
    # The orientation tag was applied to the pixels before it went.
    assert (image.width, image.height) == found["size"] == (200, 300)
    assert not image.file.storage.exists(old_rendition_name)
    rendition = image.get_rendition("width-100")
    with rendition.file.open() as stored:
        assert b"Fatima" not in stored.read()

    hash_after_first_run = image.file_hash
    out, _err = run()
    assert "1 afbeeldingen bekeken, 0 ontdaan van metadata, 0 renditions verwijderd" in out
    image.refresh_from_db()
    assert image.file_hash == hash_after_first_run


def test_a_broken_file_is_reported_and_the_rest_goes_on(run):
    name = default_storage.save("original_images/kapot.jpg", ContentFile(b"geen afbeelding"))
    broken = Image.objects.create(title="Kapot", file=name, width=10, height=10)
    stored_as_before_reencoding()
    out, err = run()
    assert f"Afbeelding {broken.pk}" in err and "overgeslagen" in err
    assert "2 afbeeldingen bekeken, 1 ontdaan van metadata" in out
