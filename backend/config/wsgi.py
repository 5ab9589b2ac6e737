import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
django_application = get_wsgi_application()

from backend.security.uploads import RequestBodyLimit  # noqa: E402 (needs settings loaded)

# Bodies over REQUEST_BODY_MAX_BYTES are refused with 413 before they are read.
application = RequestBodyLimit(django_application)
