"""The executor: graphql-sync-dataloaders' DeferredExecutionContext, corrected and extended.

Resolvers may return a `SyncFuture` (a pending dataloader result). The executor keeps going
with everything else; when nothing more can be resolved it dispatches every loader with queued
keys (one batch query each), which completes futures and lets execution continue one level
deeper, until the result is complete.

Why override the library's methods rather than use them as they are: graphql-sync-dataloaders
0.1.1 calls `handle_field_error(error, type)` without the `path` that graphql-core 3.2.4+
requires, and an error in a non-null field resolved late escapes from a future callback instead
of nulling the nearest nullable parent (the request then fails with "deferred execution failed
to complete"). Here every late error goes through `_settle`: recorded (nullable field) or passed
to the parent's future (non-null field), as graphql-core does for async execution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLList,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    OperationDefinitionNode,
    located_error,
)
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, is_iterable
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture

from backend.graphql.core.dataloaders import dispatch_pending_loaders


def _when_done(future: SyncFuture, callback: Callable[[], None]) -> None:
    if future.done():
        callback()
    else:
        future.add_done_callback(callback)


def _gather_into(container: Any, pending: list[Any]) -> SyncFuture:
    """A future of `container` once each pending slot's future is replaced by its value; it
    fails with the first error (a non-null child failed: the whole container is null)."""
    out = SyncFuture()
    remaining = len(pending)

    for slot in pending:
        future = container[slot]

        def on_done(slot: Any = slot, future: SyncFuture = future) -> None:
            nonlocal remaining
            if out.done():
                return
            error = future.exception()
            if error is not None:
                out.set_exception(error)
                return
            container[slot] = future.result()
            remaining -= 1
            if not remaining:
                out.set_result(container)

        _when_done(future, on_done)
    return out


class DataLoaderExecutionContext(DeferredExecutionContext):  # type: ignore[misc]
    def execute_operation(self, operation: OperationDefinitionNode, root_value: Any) -> Any:
        self._deferred_callbacks = []  # the library's; our loaders never use it
        result = super(DeferredExecutionContext, self).execute_operation(operation, root_value)
        while dispatch_pending_loaders(self.context_value):
            pass
        if isinstance(result, SyncFuture):
            if not result.done():
                raise RuntimeError("GraphQL deferred execution failed to complete.")
            return result.result()  # raises the error of a non-null root field
        return result

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        fields: dict[str, list[FieldNode]],
    ) -> Any:
        results: dict[str, Any] = {}
        pending: list[str] = []
        for response_name, field_nodes in fields.items():
            field_path = Path(path, response_name, parent_type.name)
            result = self.execute_field(parent_type, source_value, field_nodes, field_path)
            if result is Undefined:
                continue
            results[response_name] = result
            if isinstance(result, SyncFuture):
                pending.append(response_name)
        return _gather_into(results, pending) if pending else results

    execute_fields_serially = execute_fields

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_nodes: list[FieldNode],
        path: Path,
    ) -> Any:
        field_def = get_field_def(self.schema, parent_type, field_nodes[0])
        if not field_def:
            return Undefined
        return_type = field_def.type
        resolve_fn = field_def.resolve or self.field_resolver
        if self.middleware_manager:
            resolve_fn = self.middleware_manager.get_field_resolver(resolve_fn)
        info = self.build_resolve_info(field_def, field_nodes, parent_type, path)
        try:
            args = get_argument_values(field_def, field_nodes[0], self.variable_values)
            result = resolve_fn(source, info, **args)
            if isinstance(result, SyncFuture):
                return self._settle(
                    result,
                    lambda value: self.complete_value(return_type, field_nodes, info, path, value),
                    field_nodes,
                    path,
                    return_type,
                )
            completed = self.complete_value(return_type, field_nodes, info, path, result)
            if isinstance(completed, SyncFuture):
                return self._settle(completed, lambda value: value, field_nodes, path, return_type)
            return completed
        except Exception as raw_error:
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, return_type, path)  # raises for non-null fields
            return None

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Iterable[Any],
    ) -> Any:
        if not is_iterable(result):
            raise GraphQLError(
                "Expected Iterable, but did not find one for field"
                f" '{info.parent_type.name}.{info.field_name}'."
            )
        item_type = return_type.of_type
        results: list[Any] = []
        pending: list[int] = []
        for index, item in enumerate(result):
            item_path = path.add_key(index, None)

            def complete(value: Any, item_path: Path = item_path) -> Any:
                return self.complete_value(item_type, field_nodes, info, item_path, value)

            try:
                if isinstance(item, SyncFuture):
                    completed = self._settle(item, complete, field_nodes, item_path, item_type)
                else:
                    completed = complete(item)
                    if isinstance(completed, SyncFuture):
                        completed = self._settle(
                            completed, lambda value: value, field_nodes, item_path, item_type
                        )
            except Exception as raw_error:
                error = located_error(raw_error, field_nodes, item_path.as_list())
                self.handle_field_error(error, item_type, item_path)  # raises for non-null
                completed = None
            if isinstance(completed, SyncFuture):
                pending.append(index)
            results.append(completed)
        return _gather_into(results, pending) if pending else results

    def _settle(
        self,
        source: SyncFuture,
        complete: Callable[[Any], Any],
        field_nodes: list[FieldNode],
        path: Path,
        return_type: GraphQLOutputType,
    ) -> SyncFuture:
        """A future of the completed value of a late field. Errors never escape a callback:
        a nullable field records its error and becomes null; a non-null field's future fails,
        so that its parent becomes null in turn."""
        out = SyncFuture()

        def fail(raw_error: Exception) -> None:
            error = located_error(raw_error, field_nodes, path.as_list())
            try:
                self.handle_field_error(error, return_type, path)
            except GraphQLError as propagated:
                out.set_exception(propagated)
            else:
                out.set_result(None)

        def on_source() -> None:
            try:
                completed = complete(source.result())
            except Exception as raw_error:
                fail(raw_error)
                return
            if not isinstance(completed, SyncFuture):
                out.set_result(completed)
                return

            def on_completed() -> None:
                error = completed.exception()
                if error is not None:
                    fail(error)
                else:
                    out.set_result(completed.result())

            _when_done(completed, on_completed)

        _when_done(source, on_source)
        return out
