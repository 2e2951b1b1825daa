"""The STORAGES setting's uploads ("default") from environment variables.

Uploaded documents (signed conventions, minutes, evidence, resources, LHEO feeds) go through Django's storage
API only, never through a local path, so several application servers can share them:

- nothing set: a local folder, SPRO_MEDIA_ROOT (default: media/ beside the code), for one server or a folder
  shared by the servers (NFS);
- SPRO_S3_BUCKET: any S3-compatible object store (django-storages), at SPRO_S3_ENDPOINT_URL (empty: AWS),
  in SPRO_S3_REGION, under SPRO_S3_PREFIX; the keys come from boto3's usual variables (AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY) or the machine's role. The files stay private: downloads go through the views,
  which check the permissions, never through a public URL.
"""

from collections.abc import Mapping
from pathlib import Path


def media_root(env: Mapping[str, str], base_dir: Path) -> Path:
    return Path(env.get("SPRO_MEDIA_ROOT") or base_dir / "media")


def uploads_storage(env: Mapping[str, str]) -> dict:
    bucket = env.get("SPRO_S3_BUCKET", "")
    if not bucket:  # the folder is MEDIA_ROOT (media_root above)
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.get("SPRO_S3_ENDPOINT_URL") or None,
            "region_name": env.get("SPRO_S3_REGION") or None,
            "location": env.get("SPRO_S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,  # two uploads of one name never replace each other
            "querystring_auth": True,
        },
    }
