"""Per-request dataloaders on graphql-sync-dataloaders, and the execution context that runs them.

A loader's `load(key)` returns a pending `SyncFuture` and queues the key. Nothing is fetched
until the executor has resolved every field it can at the current depth; then
`DataLoaderExecutionContext` (execution.py) dispatches every loader that has queued keys, one
batch query each, which resolves the futures and lets execution go one level deeper. So a list
costs one query per relation and per level, whatever its length.

`then()` and `gather()` chain futures (graphql-sync-dataloaders' futures have no `then`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from graphql_sync_dataloaders import SyncDataLoader, SyncFuture

from backend.graphql.core.context import GraphQLContext

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class DataLoader(SyncDataLoader, Generic[K, V]):  # type: ignore[misc]
    """Base loader: one instance per request and class, stored on the GraphQL context.

    Subclasses set `context_key` and implement `batch_load(keys)`, returning one value per key
    in the same order (None or [] when there is nothing).
    """

    context_key: str
    _initialised: bool

    def __new__(cls, context: GraphQLContext) -> DataLoader[K, V]:
        loader = context.dataloaders.get(cls.context_key)
        if loader is None:
            loader = super().__new__(cls)
            loader._initialised = False
            context.dataloaders[cls.context_key] = loader
        return loader

    def __init__(self, context: GraphQLContext) -> None:
        if self._initialised:
            return
        super().__init__(self.batch_load)
        self.context = context
        self._initialised = True

    def batch_load(self, keys: Sequence[K]) -> Sequence[V]:
        raise NotImplementedError

    def load(self, key: K) -> SyncFuture:
        """Queue a key; the batch is dispatched by DataLoaderExecutionContext, never eagerly."""
        try:
            return self._cache[key]
        except KeyError:
            future = SyncFuture()
            self._queue.append((key, future))
            self._cache[key] = future
            return future

    def load_many(self, keys: Iterable[K]) -> SyncFuture:
        return gather([self.load(key) for key in keys])

    @property
    def has_pending(self) -> bool:
        return bool(self._queue)


def dispatch_pending_loaders(context: Any) -> bool:
    """Dispatch every loader of this request that has queued keys; True if any ran."""
    dataloaders = getattr(context, "dataloaders", None)
    if not dataloaders:
        return False
    pending = [loader for loader in list(dataloaders.values()) if loader.has_pending]
    for loader in pending:
        loader.dispatch_queue()
    return bool(pending)


def then(value: Any, fn: Callable[[Any], Any]) -> Any:
    """Apply `fn` to a value or to a future's result; returns a value or a future."""
    if not isinstance(value, SyncFuture):
        return fn(value)
    if value.done():
        return fn(value.result())
    out = SyncFuture()

    def on_done() -> None:
        try:
            result = fn(value.result())
        except Exception as error:
            out.set_exception(error)
            return
        _resolve_into(out, result)

    value.add_done_callback(on_done)
    return out


def gather(values: Sequence[Any]) -> Any:
    """A future of the list of results (or the list itself when nothing is pending)."""
    if not any(isinstance(v, SyncFuture) and not v.done() for v in values):
        return [v.result() if isinstance(v, SyncFuture) else v for v in values]
    out = SyncFuture()
    remaining = sum(1 for v in values if isinstance(v, SyncFuture) and not v.done())

    def on_done() -> None:
        nonlocal remaining
        remaining -= 1
        if remaining or out.done():
            return
        try:
            out.set_result([v.result() if isinstance(v, SyncFuture) else v for v in values])
        except Exception as error:
            out.set_exception(error)

    for v in values:
        if isinstance(v, SyncFuture) and not v.done():
            v.add_done_callback(on_done)
    return out


def _resolve_into(out: SyncFuture, result: Any) -> None:
    if not isinstance(result, SyncFuture):
        out.set_result(result)
        return

    def copy() -> None:
        error = result.exception()
        if error is not None:
            out.set_exception(error)
        else:
            out.set_result(result.result())

    if result.done():
        copy()
    else:
        result.add_done_callback(copy)
