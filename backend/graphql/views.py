"""The `/graphql/` endpoint.

Execution model
---------------
One model for the whole API: **synchronous deferred execution with per-request dataloaders**
(`graphql-sync-dataloaders`). graphene-django's `GraphQLView` runs graphql-core with
`DataLoaderExecutionContext` (core/execution.py, a subclass of the library's
`DeferredExecutionContext`) as its `execution_context_class`. Resolvers never touch a relation
of a list row directly: they call `SomeLoader(info.context).load(key)` (a `SyncDataLoader`),
which returns a pending future. When the executor has resolved everything it can, it
dispatches every loader that has queued keys, one `WHERE key IN (…)` query each, and execution
continues one level deeper. Loaders live on the request's `GraphQLContext`, so their caches
last one request and one request never sees another's data. Nested connections
(`categories { products(first: 4) }`) are batched too: one statement for all parents (a UNION
ALL of one small ordered LIMIT per parent), plus one for their `totalCount`. Result: a list
costs a fixed number of SQL queries whatever its length; tests pin the counts for 1 and 50 rows.
The subclass also fixes two defects of graphql-sync-dataloaders 0.1.1 with graphql-core 3.2.14
(see core/execution.py). Pagination is keyset (cursor = the row's sort-key values), never
OFFSET, so deep pages cost what the first page costs.

Guard-rails (as Saleor's)
-------------------------
- one operation per request; a JSON list (batch) is refused with HTTP 400;
- file uploads (`productMediaCreate`) follow the GraphQL multipart request spec
  (`parse_multipart`): the mapped files become the `Upload` variables;
- `first`/`last` required on connections and at most GRAPHQL_PAGE_SIZE_LIMIT (100);
- depth ≤ GRAPHQL_QUERY_MAX_DEPTH and aliases ≤ GRAPHQL_QUERY_MAX_ALIASES (validation rules);
- query cost ≤ GRAPHQL_QUERY_MAX_COST, computed from the cost map with `first`/`last`
  multipliers and reported in every response as
  `extensions.cost = {requestedQueryCost, maximumAvailable}`;
- unexpected exceptions are logged and answered with "Internal Server Error": no stack trace,
  SQL or internal message reaches the client.

Authentication
--------------
`Authorization: Bearer <access token>` from `tokenCreate` (Saleor's scheme), or else the Django
session when the request passes the CSRF check (core/auth.py). A bad or expired token is a
top-level error (`InvalidTokenError`, `ExpiredSignatureError`), answered before execution.
Mutations report input errors as data in their payload (core/mutations.py).
"""

from __future__ import annotations

import json
from typing import Any

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, OperationType, execute, get_operation_ast, parse, validate
from graphql.error import GraphQLError

from backend.graphql.core.auth import authenticate_request
from backend.graphql.core.context import GraphQLContext
from backend.graphql.core.cost import cost_error, cost_extensions, query_cost
from backend.graphql.core.errors import format_error, unwrap_error
from backend.graphql.core.execution import DataLoaderExecutionContext
from backend.graphql.core.validation import VALIDATION_RULES

BATCH_REFUSED = "Batched requests are not supported: send one operation per request."


class SunshineGraphQLView(GraphQLView):
    execution_context_class = DataLoaderExecutionContext
    validation_rules = VALIDATION_RULES

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # /graphql/ has no language prefix, so LocaleMiddleware would always pick the default
        # language; an API client says what it wants with Accept-Language (or the cookie).
        with translation.override(translation.get_language_from_request(request)):
            return super().dispatch(request, *args, **kwargs)  # type: ignore[no-any-return]

    def get_context(self, request: HttpRequest) -> GraphQLContext:
        return GraphQLContext(request=request)

    def parse_body(self, request: HttpRequest) -> Any:
        if self.get_content_type(request) == "application/json":
            try:
                body = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                raise HttpError(HttpResponseBadRequest("POST body sent invalid JSON.")) from error
            if isinstance(body, list):
                raise HttpError(HttpResponseBadRequest(BATCH_REFUSED))
            if not isinstance(body, dict):
                raise HttpError(HttpResponseBadRequest("The received data is not a JSON object."))
            return body
        if self.get_content_type(request) == "multipart/form-data" and "operations" in request.POST:
            return self.parse_multipart(request)
        return super().parse_body(request)

    @staticmethod
    def parse_multipart(request: HttpRequest) -> dict[str, Any]:
        """The GraphQL multipart request spec (uploads): `operations` is the JSON request,
        `map` says which file part goes to which variable path (`variables.input.image`)."""
        try:
            body = json.loads(request.POST["operations"])
            file_map = json.loads(request.POST.get("map") or "{}")
        except ValueError as error:
            raise HttpError(HttpResponseBadRequest("Invalid multipart operations.")) from error
        if isinstance(body, list):
            raise HttpError(HttpResponseBadRequest(BATCH_REFUSED))
        if not isinstance(body, dict) or not isinstance(file_map, dict):
            raise HttpError(HttpResponseBadRequest("Invalid multipart operations."))
        for key, paths in file_map.items():
            for path in paths if isinstance(paths, list) else []:
                try:
                    *parents, last = str(path).split(".")
                    target: Any = body
                    for part in parents:
                        target = target[int(part)] if isinstance(target, list) else target[part]
                    if isinstance(target, list):
                        target[int(last)] = request.FILES.get(key)
                    else:
                        target[last] = request.FILES.get(key)
                except (KeyError, IndexError, TypeError, ValueError) as error:
                    raise HttpError(HttpResponseBadRequest("Invalid multipart map.")) from error
        return body

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if isinstance(error, HttpError):
            return {"message": str(error)}
        return format_error(error)

    def get_response(
        self, request: HttpRequest, data: dict[str, Any], show_graphiql: bool = False
    ) -> tuple[str | None, int]:
        query, variables, operation_name, _id = self.get_graphql_params(request, data)
        result = self.execute_graphql_request(
            request, data, query, variables, operation_name, show_graphiql
        )
        if result is None:
            return None, 200
        response: dict[str, Any] = {}
        status = 200
        if result.errors:
            response["errors"] = [self.format_error(e) for e in result.errors]
        if result.errors and any(not getattr(e, "path", None) for e in result.errors):
            internal = any(not isinstance(unwrap_error(e), GraphQLError) for e in result.errors)
            status = 500 if internal else 400
        else:
            response["data"] = result.data
        if result.extensions:
            response["extensions"] = result.extensions
        return self.json_encode(request, response, pretty=show_graphiql), status

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: dict[str, Any],
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        if variables is not None and not isinstance(variables, dict):
            raise HttpError(HttpResponseBadRequest("Variables must be a JSON object."))
        schema = self.schema.graphql_schema
        try:
            document = parse(query)
        except GraphQLError as error:
            return ExecutionResult(errors=[error])
        errors = validate(schema, document, self.validation_rules)
        if errors:
            return ExecutionResult(errors=errors)
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            message = (
                f"Unknown operation named '{operation_name}'."
                if operation_name
                else "Must provide an operation."
            )
            return ExecutionResult(errors=[GraphQLError(message)])
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            if show_graphiql:
                return None
            return ExecutionResult(errors=[GraphQLError("Only queries are allowed with GET.")])

        maximum = settings.GRAPHQL_QUERY_MAX_COST
        cost = query_cost(schema, document, variables)
        extensions = cost_extensions(cost, maximum)
        if cost > maximum:
            return ExecutionResult(errors=[cost_error(cost, maximum)], extensions=extensions)
        try:
            authenticate_request(request)
        except GraphQLError as error:
            return ExecutionResult(errors=[error], extensions=extensions)
        try:
            result = execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                execution_context_class=self.execution_context_class,
            )
        except Exception as error:
            return ExecutionResult(errors=[error], extensions=extensions)  # type: ignore[list-item]
        assert isinstance(result, ExecutionResult)  # synchronous execution
        result.extensions = {**(result.extensions or {}), **extensions}
        return result


# GraphiQL, the in-browser explorer, is an inline script from jsDelivr: allowed on this URL only.
GRAPHIQL_CSP = {
    "script-src": ["'unsafe-inline'", "https://cdn.jsdelivr.net"],
    "style-src": ["'unsafe-inline'", "https://cdn.jsdelivr.net"],
    "img-src": ["https://cdn.jsdelivr.net"],
    "font-src": ["https://cdn.jsdelivr.net"],
}
graphql_view = csp_update(GRAPHIQL_CSP)(csrf_exempt(SunshineGraphQLView.as_view(graphiql=True)))
