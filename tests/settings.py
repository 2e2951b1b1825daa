"""Settings of the test runs (pytest, the browser tests' server): the product's settings, with a fast hasher.

Django's default hasher costs about half a second of CPU per password on purpose (a million PBKDF2 rounds);
the tests create thousands of users (factories hash a password each) and the browser tests log in hundreds of
times. MD5 here only changes how fast test passwords are hashed and checked; what the tests prove about
accounts (who may log in, lockout, invitations, password rules) does not depend on the hasher. Production and
`make run` keep spro.settings; the checks of the production settings run `manage.py` with spro.settings.
"""

from spro.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
