"""The language switcher: the same page in each language, named in its own language.

URLs follow `i18n_patterns(prefix_default_language=False)`: Chinese has no prefix, English lives
under `/en/`. The other-language URL is the same path with the prefix swapped, which also works
for a page that does not exist (the 404 page keeps its switcher).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_from_path, get_language_info


@dataclass(frozen=True)
class LanguageLink:
    code: str
    tag: str  # BCP 47, for lang and hreflang attributes
    name_local: str
    url: str
    absolute_url: str
    is_current: bool


def language_tag(code: str | None) -> str:
    """`zh-hans` → `zh-Hans` (the BCP 47 spelling), `en` → `en`."""
    code = code or settings.LANGUAGE_CODE
    primary, _, rest = code.partition("-")
    if not rest:
        return primary.lower()
    return f"{primary.lower()}-{rest.title() if len(rest) == 4 else rest.upper()}"


def path_in_language(path: str, code: str) -> str:
    current = get_language_from_path(path)
    if current and path.startswith(f"/{current}/"):
        path = path[len(current) + 1 :]
    elif current and path == f"/{current}":
        path = "/"
    if code == settings.LANGUAGE_CODE:
        return path
    return f"/{code}{path}"


def language_links(request: HttpRequest) -> list[LanguageLink]:
    current = get_language() or settings.LANGUAGE_CODE
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, _name in settings.LANGUAGES:
        url = path_in_language(request.path, code)
        if query:
            url = f"{url}?{query}"
        links.append(
            LanguageLink(
                code=code,
                tag=language_tag(code),
                name_local=get_language_info(code)["name_local"],
                url=url,
                absolute_url=request.build_absolute_uri(url),
                is_current=code == current,
            )
        )
    return links
