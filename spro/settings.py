"""Settings for the SPRO platform: one file, driven by environment variables."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from apps.core import region_pack
from spro.cache import cache_settings
from spro.storage import media_root, uploads_storage

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY est obligatoire quand DJANGO_DEBUG=false.")
    SECRET_KEY = "dev-only-not-secret-change-me-in-production"
# The region pack (regions/<code>/, default regions/24/): read once here; a broken or unknown pack
# stops the start with its errors (file, field, line). `manage.py check_region_pack <code>` checks every file.
SPRO_REGION = os.environ.get("SPRO_REGION", region_pack.DEFAULT_REGION)
try:
    _PACK = region_pack.settings_for(SPRO_REGION)
except region_pack.RegionPackError as error:
    raise ImproperlyConfigured(f"SPRO_REGION={SPRO_REGION} : pack de région invalide.\n{error}") from error
_SITE_NAME = region_pack.load_pack(SPRO_REGION).identity["site_name"]
_FROM_EMAIL = (
    region_pack.load_pack(SPRO_REGION).identity.get("from_email") or f"{_SITE_NAME} <ne-pas-repondre@spro.example>"
)
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "apps.core",
    "apps.accounts",
    "apps.geo",
    "apps.directory",
    "apps.orientation",
    "apps.network",
    "apps.programme",
    "apps.agenda",
    "apps.indicators",
    "apps.territories",
    "apps.public",
    "apps.api",
    "apps.emails",
    "apps.feedback",
    "apps.skills",
    "apps.resources",
    "apps.training",
    "apps.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apps.core.middleware.DatabaseUnavailableMiddleware",
    "apps.core.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.accounts.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "apps.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spro.urls"
WSGI_APPLICATION = "spro.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.public.context_processors.site",
            ],
            # French wording filters (|de, |nombre, |date_fr…) and the required mark (|required_mark) in every template.
            "builtins": [
                "apps.core.templatetags.french",
                "apps.core.templatetags.spro_tags",
                "apps.core.templatetags.region",
            ],
        },
    },
]

# Without DATABASE_URL, one SQLite file per region pack (db.sqlite3 for the default one): switching packs never
# mixes two Régions (load_demo refuses it anyway).
_SQLITE_FILE = "db.sqlite3" if SPRO_REGION == region_pack.DEFAULT_REGION else f"db-{SPRO_REGION}.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / _SQLITE_FILE}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait (timeout) instead of failing;
    # a file test database (not shared-cache memory) lets threads of the concurrency tests see each other.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"spro-test-{os.getpid()}.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The search's short queries never pay back JIT compilation (bench: 718 ms of JIT for an 8 ms query).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = cache_settings(os.environ.get("SPRO_CACHE_URL", ""), DATABASES["default"]["NAME"])

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Reverse proxies in front of the application (0: it faces the clients, as with runserver). With N, the client's
# address is the N-th from the right in X-Forwarded-For (apps/core/client_ip.py), for every throttle and the
# login lockout. `make serve-prod` behind one proxy (nginx, Caddy…): SPRO_TRUSTED_PROXIES=1.
SPRO_TRUSTED_PROXIES = int(os.environ.get("SPRO_TRUSTED_PROXIES", 0))
# Brute-force protection (apps/accounts/lockout.py), for 30 minutes: 5 failures on one account from one address
# lock that account for that address; 20 failures from one address over any accounts lock the address.
AXES_FAILURE_LIMIT = 5
SPRO_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SPRO_LOGIN_ADDRESS_FAILURE_LIMIT", 20))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "apps.accounts.lockout.AccountAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "apps.core.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"

# Map tiles (the map component, templates/components/map.html): OpenStreetMap's tile server by default, any
# {z}/{x}/{y} server by settings. The pages never depend on it: the list stays the content, markers draw without tiles.
SPRO_MAP_TILE_URL = os.environ.get("SPRO_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
SPRO_MAP_ATTRIBUTION = os.environ.get(
    "SPRO_MAP_ATTRIBUTION",
    '&copy; les contributeurs d’<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)


def tile_origin(url: str) -> str:
    """The CSP source of a tile URL template: scheme and host, "{s}." subdomains as a wildcard."""
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].replace("{s}.", "*.")
    return f"{scheme}://{host}"


# Content Security Policy: no inline or third-party script; inline styles are needed by the SVG charts and Redoc.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", tile_origin(SPRO_MAP_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Sessions in the database (Django's default engine, stated here): every application server sees them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Sessions: 12 hours at most, and closed after 30 minutes without a request (professionals only have accounts).
SESSION_COOKIE_AGE = 12 * 3600
SPRO_SESSION_IDLE_SECONDS = int(os.environ.get("SPRO_SESSION_IDLE_SECONDS", 30 * 60))
# Second factor (TOTP, django-otp): required for region admins whenever DJANGO_DEBUG=false (and where
# SPRO_OTP_REQUIRED=true); offered to everyone. Off by default in `make run` so the demo accounts log in at once.
SPRO_OTP_REQUIRED = env_bool("SPRO_OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = _SITE_NAME
# Invitation links for new accounts (designated coordinators, accounts created by the Région).
SPRO_INVITATION_DAYS = 7
# The scheduled jobs recompute the indicators of the current month this often (minutes); everything hourly.
SPRO_INDICATORS_REFRESH_MINUTES = int(os.environ.get("SPRO_INDICATORS_REFRESH_MINUTES", 5))

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploads through Django's storage API: a local folder by default, any S3-compatible store by settings
# (spro/storage.py), so that several application servers share them.
STORAGES = {
    "default": uploads_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = media_root(os.environ, BASE_DIR)

EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")  # with the file-based backend (browser tests)
# Every e-mail goes through a queue (apps.emails): the request stores it, the task worker sends it with
# DJANGO_EMAIL_BACKEND (SMTP in production) and retries after these delays; failures are listed for the Région.
EMAIL_BACKEND = "apps.emails.backend.QueuedEmailBackend"
SPRO_EMAIL_DELIVERY_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
SPRO_EMAIL_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600]  # seconds: about a day in all
SPRO_EMAIL_SENT_RETENTION_DAYS = 30
SPRO_EMAIL_FAILED_RETENTION_DAYS = 90
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30  # a hung mail server must not hold the worker
# The task queue: the database backend (works on SQLite and PostgreSQL); the browser tests use the immediate one.
TASKS = {"default": {"BACKEND": os.environ.get("SPRO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", _FROM_EMAIL)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.StrictLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.api.throttling.AnonymousRateThrottle",
        "apps.api.throttling.MemberRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("SPRO_API_ANON_RATE", "120/minute"),
        "user": os.environ.get("SPRO_API_USER_RATE", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"API du {_SITE_NAME}",
    "DESCRIPTION": "Annuaire des lieux et services d'orientation : recherche par service, "
    "structures, lieux, services, communes, export et import au format data·inclusion.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for the referral states, shared by from_state and to_state.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.api.schema_hooks.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {"ReferralStateEnum": "apps.orientation.models.Referral.State"},
}

# The platform's region: SPRO_REGION selects the region pack regions/<code>/ (apps.core.region_pack), which gives
# the Région's identity, territories, vocabularies, rules and demo. The settings below take their default from it.
SPRO_REGION_CODE = _PACK["SPRO_REGION_CODE"]
SPRO_REGION_NAME = os.environ.get("SPRO_REGION_NAME", _PACK["SPRO_REGION_NAME"])
SPRO_PHONE_LINE = os.environ.get("SPRO_PHONE_LINE", _PACK["SPRO_PHONE_LINE"])
# The Région's block in the header: its logo (a path under the static files, e.g. "region/logo.svg"; empty:
# its name in text) and its website. Read in one place, apps.public.context_processors.site.
SPRO_REGION_LOGO = os.environ.get("SPRO_REGION_LOGO", _PACK["SPRO_REGION_LOGO"])
SPRO_REGION_URL = os.environ.get("SPRO_REGION_URL", _PACK["SPRO_REGION_URL"])
# Services not verified for this many days appear in the "to verify" list.
SPRO_VERIFY_AFTER_DAYS = 183
# territories: the scheduled jobs recompute the current month's coverage and panoramas when older than this
SPRO_PANORAMA_REFRESH_HOURS = int(os.environ.get("SPRO_PANORAMA_REFRESH_HOURS", 24))

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Referrals (fiches navettes): answer deadline, reminders, retention of the person's contact details.
SPRO_REFERRAL_DEADLINE_WORKING_DAYS = 5
SPRO_REFERRAL_REMINDER_EVERY_DAYS = 5
SPRO_CONTACT_RETENTION_DAYS = int(os.environ.get("SPRO_CONTACT_RETENTION_DAYS", 90))
SPRO_CONTACT_MAX_DAYS = 365
# The free text about the person (need, step notes) is erased with the contact details, on the same dates.
# The log of who read or erased a person's data is kept this long, then pruned by the scheduled purge.
SPRO_ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("SPRO_ACCESS_LOG_RETENTION_DAYS", 365))
# Professional accounts are deleted (anonymised when a designation or a registration needs the row)
# this long after their deactivation.
SPRO_ACCOUNT_RETENTION_DAYS = int(os.environ.get("SPRO_ACCOUNT_RETENTION_DAYS", 365))
# Login journal of django-axes (address, browser, time of each login and failed attempt): 6 months (CNIL).
SPRO_LOGIN_LOG_RETENTION_DAYS = int(os.environ.get("SPRO_LOGIN_LOG_RETENTION_DAYS", 180))
# Public write endpoints: call-back requests per client address and hour.
# Seconds an answer of the search API is reused for the same URL (its key holds the index's version,
# so a directory edit is seen at once); 0 turns the cache off.
SPRO_SEARCH_CACHE_SECONDS = int(os.environ.get("SPRO_SEARCH_CACHE_SECONDS", 300))
SPRO_CALLBACK_LIMIT_PER_HOUR = int(os.environ.get("SPRO_CALLBACK_LIMIT_PER_HOUR", 5))
# Password reset e-mails: per account and per client address, per hour.
SPRO_PASSWORD_RESET_LIMIT_PER_HOUR = int(os.environ.get("SPRO_PASSWORD_RESET_LIMIT_PER_HOUR", 3))
SPRO_PASSWORD_RESET_ADDRESS_LIMIT_PER_HOUR = int(os.environ.get("SPRO_PASSWORD_RESET_ADDRESS_LIMIT_PER_HOUR", 10))
SPRO_SITE_URL = os.environ.get("SPRO_SITE_URL", "http://127.0.0.1:8000")
# The person's voice (apps.feedback). Follow-up of a person after a fiche navette, with their consent: sent
# this many days after the fiche ends (before the contact details are erased), one reminder this many days
# later, then the pending follow-up is deleted this many days after it was sent if unanswered.
SPRO_FOLLOW_UP_DELAY_DAYS = int(os.environ.get("SPRO_FOLLOW_UP_DELAY_DAYS", 21))
SPRO_FOLLOW_UP_REMINDER_DAYS = int(os.environ.get("SPRO_FOLLOW_UP_REMINDER_DAYS", 7))
SPRO_FOLLOW_UP_ANSWER_DAYS = int(os.environ.get("SPRO_FOLLOW_UP_ANSWER_DAYS", 30))
# "Cette page vous a aidé ?" answers and comments, and online answers to a consultation, per address and hour.
SPRO_PAGE_FEEDBACK_LIMIT_PER_HOUR = int(os.environ.get("SPRO_PAGE_FEEDBACK_LIMIT_PER_HOUR", 20))
SPRO_CONSULTATION_LIMIT_PER_HOUR = int(os.environ.get("SPRO_CONSULTATION_LIMIT_PER_HOUR", 120))
# Training offer (apps.training): the Carif-Oref's LHEO 2.3 feed, re-imported by run_scheduled_jobs when set.
SPRO_LHEO_FEED_URL = os.environ.get("SPRO_LHEO_FEED_URL", _PACK["SPRO_LHEO_FEED_URL"])  # default: the pack's [[feeds]]
SPRO_LHEO_TIMEOUT_SECONDS = int(os.environ.get("SPRO_LHEO_TIMEOUT_SECONDS", 120))
SPRO_LHEO_REIMPORT_HOURS = int(os.environ.get("SPRO_LHEO_REIMPORT_HOURS", 24))
