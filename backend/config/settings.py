"""Django settings for Sunshine Market, read from the environment (django-environ).

With no DATABASE_URL the project starts its own embedded PostgreSQL under DATA_DIR/pg.
With no REDIS_URL, Celery runs tasks eagerly and the cache is in process memory.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ

from backend.observability.logging_config import configure_structlog, logging_dict
from backend.observability.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DATA_DIR = Path(env.str("SUNSHINE_DATA_DIR", default=str(BASE_DIR / ".data"))).resolve()

_RUN_BY_PYTEST = "pytest" in "/".join(Path(sys.argv[0]).parts[-2:]) if sys.argv else False
TESTING = env.bool("SUNSHINE_TESTING", default=_RUN_BY_PYTEST)
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY", default="insecure-development-key-change-me-for-any-public-deployment-0123456789"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "mptt",
    "graphene_django",
    "health_check",
    "django_prometheus",
    "axes",
    "csp",
    "backend.core",
    "backend.accounts",
    "backend.regions",
    "backend.producers",
    "backend.catalog",
    "backend.images",
    "backend.warehouse",
    "backend.checkout",
    "backend.orders",
    "backend.payments",
    "backend.audit",
    "backend.sellers",
    "backend.verification",
    "backend.search",
    "backend.zone",
    "backend.reviews",
    "backend.traceability",
    "backend.stories",
    "backend.delivery",
    "backend.enterprises",
    "backend.procurement",
    "backend.sourcing",
    "backend.statistics",
    "backend.backups",
    "backend.observability",
    "backend.security",
    "backend.personal_data",
    "backend.designations",
    "backend.programme",
    "backend.demo",
    "backend.graphql",
    "storefront",
    "seller_portal",
    "enterprise_portal",
    "programme_portal",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "backend.audit.context.RequestIdMiddleware",
    "backend.observability.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backend.security.limits.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "backend.config.urls"
WSGI_APPLICATION = "backend.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    from backend.config.embedded_db import ensure_embedded_database

    _embedded = ensure_embedded_database(DATA_DIR)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": _embedded.name,
            "USER": _embedded.user,
            "HOST": _embedded.socket_dir,
            "PORT": "",
        }
    }
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
DATABASES["default"]["TEST"]["NAME"] = env.str(
    "TEST_DATABASE_NAME", default=f"test_{DATABASES['default']['NAME']}"
)
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Auth -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lockout after repeated failures (first)
    "backend.accounts.backends.EmailOrMobileBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/seller/login/"
# Argon2id first; older hashes are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    # Tests make many accounts; a slow password hash would dominate the suite's time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- i18n: Chinese (Simplified) first, English available ---------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
BACKUP_ROOT = Path(env.str("BACKUP_ROOT", default=str(BASE_DIR / "backups")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# --- Uploads (Wagtail-style checks, see backend/images/validation.py) --------------------
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
IMAGE_ALLOWED_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Whole request bodies: refused with 413 before they are read (backend/security/uploads.py, in
# wsgi.py); nginx's client_max_body_size in deploy/nginx.conf says the same 32m.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=32 * 1024 * 1024)

# --- Cache, Celery ----------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate-limit counters must be shared by every web process: Redis when there is one, else a
# table in the database (`createcachetable`; its increments are not atomic, so a burst may slip
# one or two attempts past a limit — acceptable on one machine; production runs Redis).
CACHES["ratelimit"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sunshine_ratelimit_cache",
    }
)
RATELIMIT_USE_CACHE = "ratelimit"
# The storefront's shared page parts (storefront/page_cache.py): seconds kept; 0 = off (tests).
STOREFRONT_CACHE_SECONDS = env.int("STOREFRONT_CACHE_SECONDS", default=0 if TESTING else 30)
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=not TESTING)
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.E003"]
# django-axes: 5 failed sign-ins for one account from one address lock that pair for 15 minutes.
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "backend.security.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "backend.security.lockout.username_for_lockout"
AXES_VERBOSE = False
# Behind a proxy (deploy/nginx.conf sends X-Real-IP) every request comes from the proxy: name
# the META key holding the client's address, e.g. HTTP_X_REAL_IP, so limits count per client.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
if CLIENT_IP_HEADER:
    RATELIMIT_IP_META_KEY = CLIENT_IP_HEADER
    AXES_IPWARE_META_PRECEDENCE_ORDER = [CLIENT_IP_HEADER, "REMOTE_ADDR"]
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None) or None
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or env.str("CELERY_BROKER_URL", default=""))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "release-expired-reservations": {
        "task": "checkout.release_expired_reservations",
        "schedule": 60.0,
    },
    "expire-unpaid-orders": {"task": "orders.expire_unpaid_orders", "schedule": 300.0},
    "verification-expiry-reminders": {
        "task": "verification.send_expiry_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    # statistics summaries are refreshed before each read; this keeps the marks few when quiet
    "statistics-refresh-summaries": {"task": "statistics.refresh_summaries", "schedule": 300.0},
}

# --- Checkout, orders, payments ---------------------------------------------------------
CHECKOUT_RESERVATION_MINUTES = env.int("CHECKOUT_RESERVATION_MINUTES", default=20)
MAX_CHECKOUT_LINE_QUANTITY = env.int("MAX_CHECKOUT_LINE_QUANTITY", default=50)
OFFLINE_PAYMENT_EXPIRY_HOURS = env.int("OFFLINE_PAYMENT_EXPIRY_HOURS", default=72)
PLATFORM_FEE_RATE = Decimal(env.str("PLATFORM_FEE_RATE", default="0"))
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_WEBHOOK_TOLERANCE = env.int("STRIPE_WEBHOOK_TOLERANCE", default=300)
STRIPE_PAYMENT_EXPIRY_MINUTES = env.int("STRIPE_PAYMENT_EXPIRY_MINUTES", default=30)

# --- E-mail: printed to the console unless a real backend is configured -----------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="阳光集市 <noreply@sunshine.example>")

# --- Search -----------------------------------------------------------------------------
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="postgres")  # postgres | elasticsearch
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="sunshine-products")
SEARCH_RANKING_POLICY = "backend.search.ranking.PriorityRankingPolicy"

# --- Money ------------------------------------------------------------------------------
DEFAULT_CURRENCY = "CNY"
DEFAULT_CHANNEL_SLUG = "default-channel"
DEFAULT_COUNTRY = "CN"

# --- GraphQL ----------------------------------------------------------------------------
GRAPHENE = {"SCHEMA": "backend.graphql.api.schema", "RELAY_CONNECTION_MAX_LIMIT": 100}
GRAPHQL_QUERY_MAX_COST = env.int("GRAPHQL_QUERY_MAX_COST", default=50_000)
GRAPHQL_QUERY_MAX_DEPTH = env.int("GRAPHQL_QUERY_MAX_DEPTH", default=15)
GRAPHQL_QUERY_MAX_ALIASES = env.int("GRAPHQL_QUERY_MAX_ALIASES", default=30)
GRAPHQL_PAGE_SIZE_LIMIT = 100

# --- Security ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS=1 in production (behind TLS): redirect to https, secure cookies, HSTS. `make run` serves
# plain http on loopback, so it stays off there. Behind a proxy that terminates TLS set
# SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https".
# Identity numbers encrypted at rest (backend.personal_data.encryption): Fernet keys, newest
# first, and the HMAC key of the lookup hashes. Derived from SECRET_KEY when unset (dev only).
IDENTITY_ENCRYPTION_KEYS = env.list("IDENTITY_ENCRYPTION_KEYS", default=[])
IDENTITY_HASH_KEY = env.str("IDENTITY_HASH_KEY", default="")
# Content-Security-Policy (django-csp): no inline script or style anywhere; Stripe's script and
# frames only where the payment page loads them. GraphiQL (/graphql/ in a browser) widens it for
# that page alone (backend/graphql/views.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "https://js.stripe.com"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "https://api.stripe.com"],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
_proxy_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
if len(_proxy_header) == 2:
    SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1])

# --- Observability ----------------------------------------------------------------------
# JSON lines with a request id on each (text when DEBUG), personal data masked: see
# backend/observability. Request lines are INFO on "sunshine.requests".
LOG_JSON = env.bool("LOG_JSON", default=not DEBUG)
LOGGING = logging_dict(json=LOG_JSON, level=env.str("LOG_LEVEL", default="WARNING"))
configure_structlog()
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
CELERY_QUEUE_NAMES = ("celery",)
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    init_sentry(SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"))

os.environ.setdefault("SUNSHINE_SETTINGS_LOADED", "1")
