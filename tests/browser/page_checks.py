"""What every accessibility test checks on each page it visits: axe-core finds nothing, the page
does not scroll sideways at the test's width, and (in the portals) every target is at least
44 px high. A test collects the findings page by page and asserts once at the end, so one run
names every page that fails."""

from __future__ import annotations

from pprint import pformat

from playwright.sync_api import Page

from tests.browser.test_storefront_accessibility import axe_violations

PORTAL_TARGETS = (
    "main a, main button, main input:not([type=hidden]):not([type=radio]), main select, "
    "main textarea, main .radios__label, header a, header button"
)
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


def small_targets_script(targets: str = PORTAL_TARGETS, minimum_px: int = 44) -> str:
    """A script that lists the visible `targets` lower than `minimum_px`."""
    low = f"r.height > 0 && r.height < {minimum_px}"
    return f"""[...document.querySelectorAll('{targets}')]
  .filter(e => {{ const r = e.getBoundingClientRect(); return {low}; }})
  .map(e => e.outerHTML.slice(0, 90))"""


SMALL_TARGETS = small_targets_script()


class Findings:
    """The failures of the pages checked so far; `targets=None` skips the 44 px check (the
    storefront's 24 px minimum is checked by its own test)."""

    def __init__(self, page: Page, *, targets: str | None = PORTAL_TARGETS) -> None:
        self.page = page
        self.small_targets = small_targets_script(targets) if targets else None
        self.axe: dict[str, list[str]] = {}
        self.sideways: list[str] = []
        self.small: dict[str, list[str]] = {}

    def check(self, name: str) -> None:
        if violations := axe_violations(self.page):
            self.axe[name] = violations
        if self.page.evaluate(SCROLLS_SIDEWAYS):
            self.sideways.append(name)
        if self.small_targets and (small := self.page.evaluate(self.small_targets)):
            self.small[name] = small

    def assert_clean(self) -> None:
        assert not self.axe, pformat(self.axe, width=100)
        assert not self.sideways, self.sideways
        assert not self.small, pformat(self.small, width=100)
