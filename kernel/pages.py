"""Long lists in pages: the page as typed in the URL, and links that keep the rest
of the query string (filters) while moving one list's page."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from kernel.params import parse_int


@dataclass(frozen=True)
class Pager:
    """One page of a list, with the links to its neighbours (None at either end)."""

    page: Page
    previous_url: str | None
    next_url: str | None


def paginate(
    request: HttpRequest, items, per_page: int, *, param: str = "page"
) -> Pager:
    """``items`` cut into pages; ``?param=`` as typed (anything else: the first page,
    past the end: the last)."""
    number = parse_int(request.GET.get(param, ""), minimum=1, maximum=10**9) or 1
    page = Paginator(items, per_page).get_page(number)

    def link(to: int) -> str:
        query = request.GET.copy()
        query[param] = str(to)
        return f"?{query.urlencode()}"

    return Pager(
        page,
        link(page.previous_page_number()) if page.has_previous() else None,
        link(page.next_page_number()) if page.has_next() else None,
    )
