"""Validation rules that bound what one request may ask for (Saleor's guard-rails).

- one operation per document (a second operation, even with `operationName`, is refused);
- GRAPHQL_QUERY_MAX_DEPTH: nesting of fields that have a selection set (`{ a { b { id } } }`
  is 2 deep), fragments expanded;
- GRAPHQL_QUERY_MAX_ALIASES: aliased fields in the whole document.

The query cost limit needs the request's variables, so it lives in `cost.py` and the view.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    specified_rules,
)

from backend.graphql.core.errors import QueryLimitError


class SingleOperationRule(ASTValidationRule):
    def enter_document(self, node: DocumentNode, *_args: Any) -> None:
        operations = [d for d in node.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) > 1:
            self.report_error(
                QueryLimitError(
                    "Only one operation per request is allowed: send each operation in its "
                    "own request.",
                    operations[1],
                )
            )


class DepthLimitRule(ASTValidationRule):
    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.max_depth: int = settings.GRAPHQL_QUERY_MAX_DEPTH
        self.fragments: dict[str, FragmentDefinitionNode] = {}

    def enter_document(self, node: DocumentNode, *_args: Any) -> None:
        self.fragments = {
            d.name.value: d for d in node.definitions if isinstance(d, FragmentDefinitionNode)
        }
        for definition in node.definitions:
            if isinstance(definition, OperationDefinitionNode):
                depth = self._depth(definition.selection_set, 0, frozenset())
                if depth > self.max_depth:
                    self.report_error(
                        QueryLimitError(
                            f"The query exceeds the maximum depth of {self.max_depth}.",
                            definition,
                            extensions={"depth": {"maximumAvailable": self.max_depth}},
                        )
                    )

    def _depth(
        self, selection_set: SelectionSetNode | None, depth: int, seen: frozenset[str]
    ) -> int:
        """Deepest nesting under this selection set; stops once past the limit."""
        if selection_set is None or depth > self.max_depth:
            return depth
        deepest = depth
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.selection_set is not None:  # leaf fields add no level
                    deepest = max(deepest, self._depth(selection.selection_set, depth + 1, seen))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self._depth(selection.selection_set, depth, seen))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # unknown or cyclic: other rules report
                    continue
                deepest = max(deepest, self._depth(fragment.selection_set, depth, seen | {name}))
        return deepest


class AliasLimitRule(ASTValidationRule):
    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.max_aliases: int = settings.GRAPHQL_QUERY_MAX_ALIASES
        self.count = 0

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.alias is not None:
            self.count += 1

    def leave_document(self, *_args: Any) -> None:
        if self.count > self.max_aliases:
            self.report_error(
                QueryLimitError(
                    f"The query uses {self.count} aliases; the limit is {self.max_aliases}."
                )
            )


VALIDATION_RULES = (*specified_rules, SingleOperationRule, DepthLimitRule, AliasLimitRule)
