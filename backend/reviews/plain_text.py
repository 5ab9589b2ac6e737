"""Review and answer text is plain text: every HTML tag is removed before it is stored.

`nh3` (the Ammonia sanitizer) with no allowed tags drops every tag and the content of
`<script>` and `<style>`; it returns HTML-escaped text, which is unescaped once and cleaned
again until nothing changes, so "&lt;b&gt;" typed on purpose cannot come back as a tag either.
Pages escape the stored text as usual when they print it.
"""

from __future__ import annotations

import html

import nh3

_DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript"}


def strip_html(text: str) -> str:
    """`text` without tags, comments or control characters; whitespace kept as typed."""
    current = text or ""
    for _ in range(4):
        cleaned = html.unescape(
            nh3.clean(current, tags=set(), clean_content_tags=_DROPPED_WITH_CONTENT)
        )
        if cleaned == current:
            break
        current = cleaned
    return "".join(ch for ch in current if ch in "\n\t" or ch.isprintable()).strip()
