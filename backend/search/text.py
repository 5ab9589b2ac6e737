"""Text into search terms: one segmenter (rjieba) and one pinyin table (pypinyin) for both the
documents and the queries, so the two backends and both sides of a match agree.

A *term* is lower-case and holds only letters and digits (Chinese characters are letters), so
terms never need quoting in a tsvector/tsquery literal or in an Elasticsearch whitespace token.
Every Chinese term also yields its pinyin: the full spelling (`dangshen`), the initials (`ds`,
two letters or more) and the single syllables (`dang`, `shen`), so "dangshen", "dang shen" and
"ds" all find 党参.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

import rjieba
from pypinyin import lazy_pinyin

MAX_QUERY_CHARS = 200  # longer input is cut here: nobody types more, and it bounds the work
MAX_QUERY_TERMS = 8
MAX_TERM_CHARS = 60
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def _clean(token: str) -> str:
    return "".join(ch for ch in token if ch.isalnum())[:MAX_TERM_CHARS]


def has_chinese(term: str) -> bool:
    return bool(_CJK.search(term))


def segment(text: str) -> list[str]:
    """Search-mode segmentation (long words also give their parts), cleaned, in order."""
    terms = []
    for token in rjieba.cut_for_search(normalise(text)):
        term = _clean(token)
        if term:
            terms.append(term)
    return terms


@lru_cache(maxsize=200_000)
def syllables_of(term: str) -> tuple[str, ...]:
    """Pinyin syllables without tones (cached: words repeat across products)."""
    return tuple(s for s in (_clean(p) for p in lazy_pinyin(term)) if s)


def pinyin_terms(term: str) -> list[str]:
    """Pinyin spellings of a Chinese term: full, initials (2+ letters), syllables."""
    if not has_chinese(term):
        return []
    syllables = syllables_of(term)
    found = ["".join(syllables)]
    initials = "".join(s[0] for s in syllables)
    if len(initials) >= 2:
        found.append(initials)
    if len(syllables) > 1:
        found.extend(syllables)
    return [t for t in found if t]


def spelling(text: str) -> str:
    """The compact form that trigram similarity compares: each word in pinyin, spaced
    (`甘肃渭源党参` -> `gansu weiyuan dangshen`); letters and digits kept as they are."""
    words = []
    for token in rjieba.cut(normalise(text)):
        term = _clean(token)
        if not term:
            continue
        words.append("".join(syllables_of(term)) if has_chinese(term) else term)
    return " ".join(words)


def unique(items: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


def query_terms(text: str) -> list[str]:
    """The terms a query must all match (AND), at most MAX_QUERY_TERMS, in order."""
    return list(unique(segment(normalise(text)[:MAX_QUERY_CHARS])))[:MAX_QUERY_TERMS]


def prefix_allowed(term: str) -> bool:
    """Latin words of three letters or more also match as a prefix ("dangs" finds dangshen)."""
    return term.isascii() and term.isalpha() and len(term) >= 3


def query_spelling(text: str) -> str:
    """The query as the typo pass compares it with `SearchDocument.spelling`: each chunk the
    user separated with spaces in pinyin, its syllables joined (`党生` -> `dangsheng`)."""
    chunks = []
    for chunk in normalise(text)[:MAX_QUERY_CHARS].split():
        letters = "".join(_clean(s) for s in lazy_pinyin(chunk))
        if letters:
            chunks.append(letters)
    return " ".join(chunks)
