"""Relay connections with keyset (cursor) pagination, Saleor's way.

A cursor is base64 of the JSON list of the row's sort-key values, so the next page is found
with an indexed `WHERE (k1, k2, pk) > (…)` instead of an OFFSET that grows with the page
number. Every sort ends with the primary key, so keys are unique and pages never overlap.

Two ways to slice:
- `slice_queryset`: one root list (`products(first: 24)`), one query for the page, one more for
  `totalCount` only if asked for.
- `slice_by_parent`: the same page for many parents at once (`categories { products(first:
  4) }`): one statement for all parents (a UNION ALL of one small ordered LIMIT per parent),
  so a nested connection never costs a query per parent.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import graphene
from django.conf import settings
from django.db import models
from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Value
from django.db.models.expressions import BaseExpression, Combinable
from graphene.relay import PageInfo
from graphql import GraphQLError, GraphQLResolveInfo

from backend.graphql.core.errors import QueryLimitError

ASC = "asc"
DESC = "desc"


class CountableConnection(graphene.relay.Connection):
    """Saleor's `<Type>CountableConnection`: edges, pageInfo and an optional totalCount."""

    total_count = graphene.Int(description="A total count of items in the collection.")

    class Meta:
        abstract = True

    @staticmethod
    def resolve_total_count(root: Any, info: GraphQLResolveInfo) -> Any:
        return root.count()


def connection_args() -> dict[str, graphene.Argument]:
    return {
        "before": graphene.String(
            description="Return the elements in the list that come before the specified cursor."
        ),
        "after": graphene.String(
            description="Return the elements in the list that come after the specified cursor."
        ),
        "first": graphene.Int(
            description="Retrieve the first n elements from the list. Note that the system "
            "only allows fetching a maximum of 100 objects in a single query."
        ),
        "last": graphene.Int(
            description="Retrieve the last n elements from the list. Note that the system "
            "only allows fetching a maximum of 100 objects in a single query."
        ),
    }


# --- sorting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SortKey:
    """One sort column: a non-null expression and the field that parses its cursor value."""

    expression: Combinable | BaseExpression | str
    output_field: models.Field[Any, Any]


@dataclass(frozen=True)
class SortSpec:
    keys: tuple[SortKey, ...]
    direction: str = ASC
    # Joins the keys read from, e.g. ("_listing", FilteredRelation(...)): a join is cheaper
    # than a correlated subquery per row when sorting a whole table.
    relations: tuple[tuple[str, FilteredRelation], ...] = ()

    @property
    def aliases(self) -> list[str]:
        return [f"_sort_{i}" for i in range(len(self.keys))]

    def annotate(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.relations:
            queryset = queryset.annotate(**dict(self.relations))
        annotations = {}
        for alias, key in zip(self.aliases, self.keys, strict=True):
            expression = F(key.expression) if isinstance(key.expression, str) else key.expression
            annotations[alias] = expression
        return queryset.annotate(**annotations)

    def order_by(self, *, reverse: bool) -> list[Any]:
        descending = (self.direction == DESC) != reverse
        return [F(a).desc() if descending else F(a).asc() for a in self.aliases]

    def after_filter(self, values: Sequence[Any], *, reverse: bool) -> Q:
        """Rows strictly after `values` in this order (or before, when `reverse`)."""
        greater = (self.direction == ASC) != reverse
        lookup = "gt" if greater else "lt"
        condition = Q()
        equal_so_far: dict[str, Any] = {}
        for alias, value in zip(self.aliases, values, strict=True):
            condition |= Q(**equal_so_far, **{f"{alias}__{lookup}": value})
            equal_so_far[alias] = value
        return condition

    def cursor_for(self, row: Any) -> str:
        values = [getattr(row, alias) for alias in self.aliases]
        return encode_cursor([_jsonable(v) for v in values])

    def parse_cursor(self, cursor: str) -> list[Any]:
        raw = decode_cursor(cursor)
        if len(raw) != len(self.keys):
            raise GraphQLError("Received cursor is invalid.")
        try:
            return [key.output_field.to_python(v) for key, v in zip(self.keys, raw, strict=True)]
        except Exception as error:
            raise GraphQLError("Received cursor is invalid.") from error


def pk_tiebreak() -> SortKey:
    return SortKey("pk", models.IntegerField())


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def encode_cursor(values: list[Any]) -> str:
    data = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(data.encode("utf-8")).decode("ascii")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        values = json.loads(base64.b64decode(cursor.encode("ascii"), validate=True))
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise GraphQLError("Received cursor is invalid.") from error
    if not isinstance(values, list):
        raise GraphQLError("Received cursor is invalid.")
    return values


# --- page arguments ---------------------------------------------------------------------


@dataclass(frozen=True)
class PageArgs:
    first: int | None = None
    last: int | None = None
    after: str | None = None
    before: str | None = None

    @property
    def size(self) -> int:
        return self.first if self.first is not None else (self.last or 0)

    @property
    def backwards(self) -> bool:
        return self.first is None

    @property
    def cursor(self) -> str | None:
        return self.before if self.backwards else self.after


def page_args(args: dict[str, Any], connection_name: str) -> PageArgs:
    """Check first/last as Saleor does: one of them required, at most the page-size limit."""
    first, last = args.get("first"), args.get("last")
    limit = settings.GRAPHQL_PAGE_SIZE_LIMIT
    if first is None and last is None:
        raise QueryLimitError(
            f"You must provide a `first` or `last` value to properly paginate the "
            f"`{connection_name}` connection."
        )
    if first is not None and last is not None:
        raise QueryLimitError(
            f"Passing both `first` and `last` to paginate the `{connection_name}` "
            f"connection is not supported."
        )
    for name, value in (("first", first), ("last", last)):
        if value is None:
            continue
        if value < 0:
            raise QueryLimitError(f"Argument `{name}` on `{connection_name}` cannot be negative.")
        if value > limit:
            raise QueryLimitError(
                f"Requesting {value} records on the `{connection_name}` connection exceeds "
                f"the `{name}` limit of {limit} records."
            )
    return PageArgs(first=first, last=last, after=args.get("after"), before=args.get("before"))


# --- slicing ----------------------------------------------------------------------------


@dataclass
class Page:
    rows: list[Any]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    count: Callable[[], Any] = field(default=lambda: None)


def _finish_page(rows: list[Any], sort: SortSpec, args: PageArgs) -> Page:
    has_more = len(rows) > args.size
    rows = rows[: args.size]
    if args.backwards:
        rows.reverse()
        return Page(
            rows,
            [sort.cursor_for(r) for r in rows],
            has_next_page=args.before is not None,
            has_previous_page=has_more,
        )
    return Page(
        rows,
        [sort.cursor_for(r) for r in rows],
        has_next_page=has_more,
        has_previous_page=args.after is not None,
    )


def _ordered(queryset: QuerySet[Any], sort: SortSpec, args: PageArgs) -> QuerySet[Any]:
    queryset = sort.annotate(queryset)
    if args.cursor is not None:
        values = sort.parse_cursor(args.cursor)
        queryset = queryset.filter(sort.after_filter(values, reverse=args.backwards))
    return queryset.order_by(*sort.order_by(reverse=args.backwards))


def slice_queryset(queryset: QuerySet[Any], sort: SortSpec, args: PageArgs) -> Page:
    """One page of a root list: one query, plus a COUNT when totalCount is read."""
    rows = list(_ordered(queryset, sort, args)[: args.size + 1]) if args.size else []
    page = _finish_page(rows, sort, args)
    page.count = lambda: queryset.order_by().count()
    return page


def slice_by_parent(
    queryset: QuerySet[Any], parent_filters: dict[Any, Q], sort: SortSpec, args: PageArgs
) -> dict[Any, Page]:
    """The same page for each parent, in one statement: a UNION ALL of one `ORDER BY … LIMIT`
    per parent (what a LATERAL join does), each able to stop at the first rows of an index.

    `parent_filters` maps a parent id to the condition that selects its rows. The filter is
    applied before the sort annotations, so a sort key on the same multi-valued relation (a
    product's position in the collection) reuses the join that the filter made.
    """
    rows: list[Any] = []
    if parent_filters and args.size:
        parts = [
            _ordered(
                queryset.filter(condition).annotate(
                    _parent=Value(parent_id, output_field=models.IntegerField())
                ),
                sort,
                args,
            )[: args.size + 1]
            for parent_id, condition in parent_filters.items()
        ]
        if len(parts) == 1:
            rows = list(parts[0])
        else:
            descending = (sort.direction == DESC) != args.backwards
            outer = ["_parent", *(f"-{a}" if descending else a for a in sort.aliases)]
            rows = list(parts[0].union(*parts[1:], all=True).order_by(*outer))
    by_parent: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        by_parent[row._parent].append(row)
    return {pid: _finish_page(by_parent.get(pid, []), sort, args) for pid in parent_filters}


def count_by_parent(queryset: QuerySet[Any], parent_filters: dict[Any, Q]) -> dict[Any, int]:
    """How many rows each parent has, in one statement (UNION ALL of one COUNT per parent)."""
    if not parent_filters:
        return {}
    parts = [
        queryset.filter(condition)
        .order_by()
        .annotate(_parent=Value(parent_id, output_field=models.IntegerField()))
        .values("_parent")
        .annotate(_count=Count("pk"))
        for parent_id, condition in parent_filters.items()
    ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found = {row["_parent"]: row["_count"] for row in combined}
    return {pid: found.get(pid, 0) for pid in parent_filters}


def build_connection(
    connection_type: type[CountableConnection],
    page: Page,
    wrap: Callable[[Any], Any] = lambda row: row,
) -> CountableConnection:
    edge_type = connection_type.Edge
    edges = [
        edge_type(node=wrap(row), cursor=cursor)
        for row, cursor in zip(page.rows, page.cursors, strict=True)
    ]
    connection = connection_type(
        edges=edges,
        page_info=PageInfo(
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
            has_previous_page=page.has_previous_page,
            has_next_page=page.has_next_page,
        ),
    )
    connection.count = page.count
    return connection


def empty_connection(connection_type: type[CountableConnection]) -> CountableConnection:
    return build_connection(connection_type, Page([], [], False, False, count=lambda: 0))
