"""System check: evidence must never sit where a public route serves files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from backend.verification.conf import evidence_root


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


@register()
def check_evidence_root_is_private(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    root = evidence_root()
    public = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    public += [Path(p) for p in getattr(settings, "STATICFILES_DIRS", [])]
    errors: list[CheckMessage] = []
    for folder in public:
        folder = folder.resolve()
        if _inside(root, folder) or _inside(folder, root):
            errors.append(
                Error(
                    f"VERIFICATION_EVIDENCE_ROOT ({root}) overlaps a public folder ({folder}).",
                    hint="Keep evidence outside MEDIA_ROOT and static folders.",
                    id="verification.E001",
                )
            )
    return errors
