"""Rich-text fields in Saleor's shape: an Editor.js document (JSONString) built from the plain
text we store. Paragraphs are separated by blank lines; single line breaks become <br>.
Text is HTML-escaped, as Editor.js paragraph text is HTML."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import datetime
from typing import Any

EDITORJS_VERSION = "2.24.3"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def editorjs_document(text: str, *, updated_at: datetime | None = None) -> dict[str, Any] | None:
    if not text or not text.strip():
        return None
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = []
    for index, paragraph in enumerate(_PARAGRAPH_BREAK.split(normalised)):
        lines = [html.escape(line.strip(), quote=False) for line in paragraph.split("\n")]
        body = "<br>".join(line for line in lines if line)
        if not body:
            continue
        digest = hashlib.sha1(f"{index}:{body}".encode(), usedforsecurity=False).hexdigest()
        blocks.append({"id": digest[:10], "type": "paragraph", "data": {"text": body}})
    return {
        "time": int(updated_at.timestamp() * 1000) if updated_at else 0,
        "blocks": blocks,
        "version": EDITORJS_VERSION,
    }
