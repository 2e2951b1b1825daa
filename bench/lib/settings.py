"""Settings of the in-process benchmarks: the project's own, with DEBUG off as in production.

Two changes: the API throttle rate is raised (below), and static files are served by name (no
manifest), so templates render without a prior `collectstatic` into the project's STATIC_ROOT.
The gunicorn load test uses spro.settings as is (with the same throttle rate, from the environment).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1")
# Every benchmark request comes from one address: the API throttles (120/minute anonymous, and
# 600/minute per address for UserRateThrottle, which counts anonymous clients too) would answer 429
# to most of them. Their cache round-trips per request are still paid.
os.environ.setdefault("SPRO_API_ANON_RATE", "100000000/second")
os.environ.setdefault("SPRO_API_USER_RATE", "100000000/second")

from spro.settings import *  # noqa: E402,F403
from spro.settings import STORAGES  # noqa: E402

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
