"""Nested connections (`producers { products(first: 4) }`) batched across parents.

A nested connection's resolver loads a `NestedKey` (parent, channel, frozen list arguments);
the loader groups the keys by arguments and answers each group with one statement
(`slice_by_parent`), and `totalCount` with one more (`count_by_parent`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backend.graphql.core.connection import Page, PageArgs, build_connection
from backend.graphql.core.dataloaders import DataLoader, then

PAGINATION_ARGS = ("first", "last", "after", "before")


def _plain(value: Any) -> Any:
    """JSON form of graphene argument values (enum members, Decimals, dates)."""
    if hasattr(value, "value") and not isinstance(value, dict):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def freeze_args(args: dict[str, Any]) -> str:
    return json.dumps(
        {k: v for k, v in args.items() if v is not None},
        sort_keys=True,
        default=_plain,
        ensure_ascii=False,
    )


def without_pagination(args: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in args.items() if k not in PAGINATION_ARGS}


def page_args_from(args: dict[str, Any]) -> PageArgs:
    return PageArgs(**{k: args.get(k) for k in PAGINATION_ARGS})


@dataclass(frozen=True)
class NestedKey:
    parent_id: int
    args: str
    channel_id: int | None = None
    scope: Any = None  # what the parent's filter needs beyond its id (a category's tree bounds)


def _grouped(keys: Sequence[NestedKey]) -> dict[tuple[Any, ...], dict[int, Any]]:
    """Keys grouped by (channel, arguments): each group is one statement."""
    groups: dict[tuple[Any, ...], dict[int, Any]] = defaultdict(dict)
    for key in keys:
        groups[(key.channel_id, key.args)][key.parent_id] = key.scope
    return groups


class NestedConnectionLoader(DataLoader[NestedKey, Page]):
    def batch_load(self, keys: Sequence[NestedKey]) -> list[Page]:
        found: dict[tuple[Any, ...], Page] = {}
        for (channel_id, args), scopes in _grouped(keys).items():
            pages = self.load_pages(scopes, json.loads(args), channel_id)
            for parent_id, page in pages.items():
                found[(channel_id, args, parent_id)] = page
        return [found[(k.channel_id, k.args, k.parent_id)] for k in keys]

    def load_pages(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, Page]:
        """One page per parent id (`scopes` maps each id to its key's scope)."""
        raise NotImplementedError


class NestedCountLoader(DataLoader[NestedKey, int]):
    def batch_load(self, keys: Sequence[NestedKey]) -> list[int]:
        found: dict[tuple[Any, ...], int] = {}
        for (channel_id, args), scopes in _grouped(keys).items():
            counts = self.load_counts(scopes, json.loads(args), channel_id)
            for parent_id, count in counts.items():
                found[(channel_id, args, parent_id)] = count
        return [found[(k.channel_id, k.args, k.parent_id)] for k in keys]

    def load_counts(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, int]:
        raise NotImplementedError


def nested_connection(
    info: Any,
    *,
    connection_type: Any,
    loader: type[NestedConnectionLoader],
    count_loader: type[NestedCountLoader],
    parent_id: int,
    args: dict[str, Any],
    channel_id: int | None = None,
    scope: Any = None,
    wrap: Any = lambda row: row,
) -> Any:
    """Resolve a nested connection through its batched loaders."""
    key = NestedKey(parent_id, freeze_args(args), channel_id, scope)
    count_key = NestedKey(parent_id, freeze_args(without_pagination(args)), channel_id, scope)
    counter = count_loader(info.context)

    def to_connection(page: Page) -> Any:
        page.count = lambda: counter.load(count_key)
        return build_connection(connection_type, page, wrap)

    return then(loader(info.context).load(key), to_connection)
