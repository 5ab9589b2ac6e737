"""Filtering captured on-commit callbacks: a change that the search index follows also queues a
re-index after commit (backend.search.subscriptions); tests about other work leave it out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def without_search_indexing(callbacks: Sequence[Callable[..., Any]]) -> list[Callable[..., Any]]:
    return [callback for callback in callbacks if "@task: search." not in repr(callback)]
