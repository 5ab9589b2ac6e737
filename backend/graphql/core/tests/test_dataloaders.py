"""The execution context and loaders, on a small schema of their own (no database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import graphene
from graphql import graphql_sync
from graphql_sync_dataloaders import SyncFuture

from backend.graphql.core.dataloaders import DataLoader, gather, then
from backend.graphql.core.execution import DataLoaderExecutionContext


@dataclass
class FakeContext:
    dataloaders: dict[str, Any] = field(default_factory=dict)
    batches: list[list[int]] = field(default_factory=list)


class DoubleLoader(DataLoader[int, int]):
    context_key = "double"

    def batch_load(self, keys: Sequence[int]) -> list[Any]:
        cast(Any, self.context).batches.append(list(keys))
        return [ValueError("no thirteen") if k == 13 else k * 2 for k in keys]


class Item(graphene.ObjectType):
    value = graphene.Int(required=True)
    doubled = graphene.Int()
    doubled_twice = graphene.Int()
    strict = graphene.Int(required=True)

    @staticmethod
    def resolve_value(root: int, info: Any) -> int:
        return root

    @staticmethod
    def resolve_doubled(root: int, info: Any) -> Any:
        return DoubleLoader(info.context).load(root)

    @staticmethod
    def resolve_doubled_twice(root: int, info: Any) -> Any:
        loader = DoubleLoader(info.context)
        return then(loader.load(root), loader.load)

    @staticmethod
    def resolve_strict(root: int, info: Any) -> Any:
        return DoubleLoader(info.context).load(root)


class Query(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(Item), values=graphene.List(graphene.Int))
    total = graphene.Int(values=graphene.List(graphene.Int))

    @staticmethod
    def resolve_items(root: None, info: Any, values: list[int]) -> list[int]:
        return values

    @staticmethod
    def resolve_total(root: None, info: Any, values: list[int]) -> Any:
        return then(DoubleLoader(info.context).load_many(values), sum)


schema = graphene.Schema(query=Query).graphql_schema


def run(query: str, context: FakeContext) -> Any:
    return graphql_sync(
        schema, query, context_value=context, execution_context_class=DataLoaderExecutionContext
    )


def test_loader_list_fields_are_loaded_in_one_batch():
    # given
    context: Any = FakeContext()

    # when
    result = run("{ items(values: [1, 2, 3]) { value doubled } }", context)

    # then
    assert result.errors is None
    assert result.data == {
        "items": [
            {"value": 1, "doubled": 2},
            {"value": 2, "doubled": 4},
            {"value": 3, "doubled": 6},
        ]
    }
    assert context.batches == [[1, 2, 3]]


def test_loader_chained_loads_run_one_batch_per_round():
    # given
    context: Any = FakeContext()

    # when
    result = run("{ items(values: [1, 2, 3]) { doubledTwice } }", context)

    # then
    assert result.data == {
        "items": [{"doubledTwice": 4}, {"doubledTwice": 8}, {"doubledTwice": 12}]
    }
    assert context.batches == [[1, 2, 3], [4, 6]]  # 2 was cached by the first round


def test_loader_instance_is_shared_within_a_context_only():
    # given
    first: Any = FakeContext()
    second: Any = FakeContext()

    # when
    loader_a = DoubleLoader(first)
    loader_b = DoubleLoader(first)
    loader_c = DoubleLoader(second)

    # then
    assert loader_a is loader_b
    assert loader_a is not loader_c


def test_loader_error_on_nullable_field_nulls_that_field_only():
    # given
    context: Any = FakeContext()

    # when
    result = run("{ items(values: [1, 13]) { value doubled } }", context)

    # then
    assert result.data == {"items": [{"value": 1, "doubled": 2}, {"value": 13, "doubled": None}]}
    assert [e.path for e in result.errors] == [["items", 1, "doubled"]]


def test_loader_error_on_required_field_nulls_the_nearest_nullable_parent():
    # given
    context: Any = FakeContext()

    # when
    result = run("{ items(values: [1, 13]) { strict } }", context)

    # then
    assert result.data == {"items": None}
    assert [e.path for e in result.errors] == [["items", 1, "strict"]]


def test_load_many_and_then_combine_results():
    # given
    context: Any = FakeContext()

    # when
    result = run("{ total(values: [1, 2, 3]) }", context)

    # then
    assert result.data == {"total": 12}


def test_gather_of_plain_values_returns_them_at_once():
    # given
    done = SyncFuture()
    done.set_result(5)

    # when
    gathered = gather([1, done])

    # then
    assert gathered == [1, 5]


def test_then_on_a_failed_future_propagates_the_error():
    # given
    pending = SyncFuture()
    chained = then(pending, lambda value: value + 1)

    # when
    pending.set_exception(ValueError("boom"))

    # then
    assert chained.done()
    assert isinstance(chained.exception(), ValueError)
