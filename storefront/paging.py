"""Sorting and pagination of product lists through plain GET parameters (no JavaScript).

`?sort=price&page=2`: every link keeps the other parameters, so sorting survives paging and the
search query survives both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.paginator import Page
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 24


class ProductSort(StrEnum):
    NEWEST = "newest"
    PRICE_ASC = "price"
    PRICE_DESC = "-price"
    NAME = "name"

    @classmethod
    def parse(cls, value: str | None) -> ProductSort:
        try:
            return cls(value or cls.NEWEST)
        except ValueError:
            return cls.NEWEST


SORT_LABELS: dict[ProductSort, Promise] = {
    ProductSort.NEWEST: _("Newest first"),
    ProductSort.PRICE_ASC: _("Price, low to high"),
    ProductSort.PRICE_DESC: _("Price, high to low"),
    ProductSort.NAME: _("Name"),
}


@dataclass(frozen=True)
class SortChoice:
    value: str
    label: str
    selected: bool


def sort_choices(current: ProductSort) -> list[SortChoice]:
    return [
        SortChoice(sort.value, str(label), sort == current) for sort, label in SORT_LABELS.items()
    ]


@dataclass(frozen=True)
class PageLink:
    """One item of the page list; `number` is None for a gap ("…")."""

    number: int | None
    url: str = ""
    is_current: bool = False


@dataclass(frozen=True)
class Pagination:
    number: int
    num_pages: int
    count: int
    start_index: int
    end_index: int
    previous_url: str | None
    next_url: str | None
    links: list[PageLink]

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1


def page_url(query: QueryDict, number: int) -> str:
    params = query.copy()
    if number <= 1:
        params.pop("page", None)
    else:
        params["page"] = str(number)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _page_numbers(current: int, last: int) -> list[int | None]:
    """First, last, and the current page with its neighbours; None marks a gap."""
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    numbers: list[int | None] = []
    for number in wanted:
        previous = numbers[-1] if numbers else None
        if previous is not None and number - previous == 2:
            numbers.append(previous + 1)
        elif previous is not None and number - previous > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def pagination_for(page: Page, query: QueryDict) -> Pagination:
    paginator = page.paginator
    links = [
        PageLink(number, page_url(query, number), number == page.number)
        if number is not None
        else PageLink(None)
        for number in _page_numbers(page.number, paginator.num_pages)
    ]
    return Pagination(
        number=page.number,
        num_pages=paginator.num_pages,
        count=paginator.count,
        start_index=page.start_index(),
        end_index=page.end_index(),
        previous_url=page_url(query, page.number - 1) if page.has_previous() else None,
        next_url=page_url(query, page.number + 1) if page.has_next() else None,
        links=links,
    )
