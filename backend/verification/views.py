"""The only way to a piece of evidence: `/evidence/<public id>/`, permission checked each time.

- not signed in: sent to sign in (for any id, so the redirect says nothing about existence);
- signed in without permission, unknown id, or a file gone: 404, all alike;
- allowed: the file, with `Content-Disposition`, `X-Content-Type-Options: nosniff`, no caching,
  and a CSP sandbox so a crafted file cannot run script in our origin.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.views.decorators.http import require_safe

from backend.verification.errors import VerificationError
from backend.verification.evidence import open_evidence


@require_safe
def evidence_file(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        opened = open_evidence(public_id, actor=request.user)  # type: ignore[arg-type]
    except VerificationError:
        raise Http404("no such evidence") from None
    evidence = opened.evidence
    response = FileResponse(
        opened.file,
        content_type=evidence.content_type,
        as_attachment=not evidence.is_image,
        filename=opened.download_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    return response
