import pytest


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploaded documents go to a folder of the test, not to the project's media/."""
    settings.MEDIA_ROOT = tmp_path
