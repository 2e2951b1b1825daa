"""Uploads through Django's storage API: a local folder by default, any S3-compatible store by settings."""

from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from spro.storage import media_root, uploads_storage


def test_without_settings_the_uploads_go_to_the_media_folder(tmp_path):
    assert uploads_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_root({}, Path("/srv/spro")) == Path("/srv/spro/media")
    assert media_root({"SPRO_MEDIA_ROOT": "/mnt/partage"}, Path("/srv/spro")) == Path("/mnt/partage")


def test_the_local_folder_goes_through_the_storage_api(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    storage = storages.create_storage(uploads_storage({}))
    name = storage.save("conventions/signee.pdf", ContentFile(b"%PDF-1.7"))
    with storage.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.7"
    assert (tmp_path / name).exists()
    storage.delete(name)
    assert not storage.exists(name)


def test_a_bucket_selects_an_s3_compatible_store_with_private_files():
    env = {
        "SPRO_S3_BUCKET": "spro-documents",
        "SPRO_S3_ENDPOINT_URL": "https://s3.gra.example",
        "SPRO_S3_REGION": "gra",
        "SPRO_S3_PREFIX": "production",
    }
    config = uploads_storage(env)
    storage = storages.create_storage(config)  # no request is made before a file is read or written
    assert type(storage).__module__ == "storages.backends.s3"
    assert storage.bucket_name == "spro-documents" and storage.endpoint_url == "https://s3.gra.example"
    assert storage.region_name == "gra" and storage.location == "production"
    assert storage.default_acl == "private" and storage.querystring_auth and not storage.file_overwrite
