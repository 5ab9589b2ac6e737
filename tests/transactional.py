"""`available_apps` for tests with real transactions (`transaction=True`).

The flush after such a test truncates the tables of these apps only, so the official regions
loaded once per session survive; every other app stays in the registry, because services read
relations across apps (the checkout reads the zone's campaign lines, for one).
"""

from __future__ import annotations

from django.conf import settings

APPS_EXCEPT_REGIONS = [app for app in settings.INSTALLED_APPS if app != "backend.regions"]
