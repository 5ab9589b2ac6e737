"""Rate limits on the doors attackers knock on: signing in, signing up, password resets (and
the password typed to delete an account), and GraphQL mutations, each counted per IP address
and per account (django-ratelimit's counters in the shared cache).

`RateLimitPolicy` is the rule book (Oscar style: override `rules()` in a subclass and name it in
RATE_LIMIT_POLICY). `RateLimitMiddleware` applies it before the view runs and answers 429 with
when to retry. Lockout after repeated failed passwords is django-axes' job (see settings).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.module_loading import import_string
from django_ratelimit.core import get_usage
from graphql import OperationType, parse
from graphql.error import GraphQLError

from backend.security.too_many import too_many_requests

GRAPHQL = "graphql"


@dataclass(frozen=True)
class LimitRule:
    group: str  # counters are kept per group
    views: frozenset[str]  # "namespace:url_name", or GRAPHQL for mutations
    per_ip: str  # django-ratelimit rate, e.g. "10/m"
    per_account: str = ""
    account_fields: tuple[str, ...] = ()  # POST fields (or GraphQL variables) naming the account
    # For GRAPHQL: only mutations selecting one of these root fields (empty: every mutation).
    mutation_fields: frozenset[str] = frozenset()


class RateLimitPolicy:
    def rules(self) -> Iterable[LimitRule]:
        sign_in_fields = ("login", "username", "email", "mobile")
        return (
            LimitRule(
                group="sign-in",
                views=frozenset(
                    {
                        "storefront:login",
                        "seller_portal:sign_in",
                        "enterprise_portal:sign_in",
                        "storefront:checkout_contact",
                    }
                ),
                per_ip="20/m",
                per_account="10/m",
                account_fields=sign_in_fields,
            ),
            LimitRule(
                group="sign-up",
                views=frozenset({"seller_portal:sign_up", "enterprise_portal:sign_up"}),
                per_ip="20/h",
                per_account="5/h",
                account_fields=("email", "mobile", "login"),
            ),
            LimitRule(
                group="password-reset",
                views=frozenset(
                    {
                        "storefront:password_reset",
                        "storefront:password_reset_confirm",
                        "storefront:account_delete",
                        GRAPHQL,
                    }
                ),
                per_ip="10/h",
                per_account="5/h",
                account_fields=("login", "email"),
                mutation_fields=frozenset({"requestPasswordReset", "setPassword", "accountDelete"}),
            ),
            LimitRule(
                group="graphql-mutation",
                views=frozenset({GRAPHQL}),
                per_ip="120/m",
                per_account="60/m",
                account_fields=("email",),
            ),
        )

    def rules_for(self, view: str) -> list[LimitRule]:
        return [rule for rule in self.rules() if view in rule.views]


@cache
def get_rate_limit_policy() -> RateLimitPolicy:
    path = getattr(settings, "RATE_LIMIT_POLICY", "backend.security.limits.RateLimitPolicy")
    policy: RateLimitPolicy = import_string(path)()
    return policy


def _view_name(request: HttpRequest) -> str:
    if request.path_info.rstrip("/") == "/graphql":
        return GRAPHQL
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ""
    return match.view_name


def _graphql_mutation(request: HttpRequest) -> tuple[dict[str, object], set[str]] | None:
    """The variables and root field names of a GraphQL mutation in this request, or None when
    it is no mutation."""
    try:
        if request.content_type == "application/json":
            payload = json.loads(request.body or b"{}")
        else:
            raw = request.POST.get("operations")
            payload = json.loads(raw) if raw else {"query": request.POST.get("query", "")}
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return None
    try:
        document = parse(payload["query"])
    except GraphQLError:
        return None
    mutations = [
        d for d in document.definitions if getattr(d, "operation", None) == OperationType.MUTATION
    ]
    if not mutations:
        return None
    fields = {
        selection.name.value
        for definition in mutations
        for selection in definition.selection_set.selections  # type: ignore[attr-defined]
        if hasattr(selection, "name")
    }
    variables = payload.get("variables")
    return (variables if isinstance(variables, dict) else {}), fields


def _account_key(request: HttpRequest, rule: LimitRule, values: dict[str, object]) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    for field in rule.account_fields:
        value = values.get(field)
        if isinstance(value, str) and value.strip():
            return f"login:{value.strip().lower()}"
    return ""


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and getattr(settings, "RATELIMIT_ENABLE", True):
            limited = self._check(request)
            if limited is not None:
                return limited
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        view = _view_name(request)
        rules = get_rate_limit_policy().rules_for(view) if view else []
        if not rules:
            return None
        if view == GRAPHQL:
            mutation = _graphql_mutation(request)
            if mutation is None:
                return None
            values: dict[str, object] = mutation[0]
            rules = [r for r in rules if not r.mutation_fields or r.mutation_fields & mutation[1]]
        else:
            values = dict(request.POST.items())
        for rule in rules:
            checks = [("ip", rule.per_ip)]
            account = _account_key(request, rule, values)
            if rule.per_account and account:
                checks.append((account, rule.per_account))
            for key, rate in checks:
                usage = get_usage(
                    request,
                    group=f"{rule.group}:{'ip' if key == 'ip' else 'account'}",
                    key="ip" if key == "ip" else (lambda _g, _r, k=key: k),
                    rate=rate,
                    method="POST",
                    increment=True,
                )
                if usage is not None and usage["should_limit"]:
                    return too_many_requests(
                        request, retry_after=usage["time_left"], graphql=view == GRAPHQL
                    )
        return None
