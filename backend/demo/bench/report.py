"""The bench's printed report: a header saying what was measured and how, then a table; and the
checkout section's table."""

from __future__ import annotations

from backend.demo.bench.checkout_throughput import CheckoutResult
from backend.demo.bench.runner import BenchData, ScenarioResult

COLUMNS = (
    ("page", 18, "<"),
    ("median", 9, ">"),
    ("p95", 9, ">"),
    ("SQL", 4, ">"),
    ("floor median", 13, ">"),
    ("floor p95", 10, ">"),
    ("floor SQL", 10, ">"),
    ("ratio", 7, ">"),
    ("same output", 12, ">"),
)


def _ms(value: float) -> str:
    return f"{value:.1f} ms"


def _row(cells: list[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True)
    )


def header(database: str, data: BenchData, *, runs: int, warmup: int) -> list[str]:
    source = "reused" if data.reused else "loaded"
    return [
        f"Sunshine Market bench — database {database!r} ({source} in {data.load_seconds:.1f} s): "
        f"{data.products:,} products ({data.synthetic:,} synthetic), {data.producers:,} producers",
        f"Server time with Django's test Client in process (no network, no WSGI server, "
        f"DEBUG off): {runs} timed requests after {warmup} warm-up ones; SQL = queries per "
        f"request.",
        "Floor = the same page's data from one hand-written SQL statement, rendered by the same "
        "template (GraphQL: encoded into the same JSON), served as a view through the same "
        "Client and middleware; the layout's category menu runs its own query in both.",
        "ratio = page median / floor median; same output = the floor's HTML/JSON equals the "
        "page's.",
        "",
    ]


def table(results: list[ScenarioResult]) -> list[str]:
    lines = [_row([name for name, _, _ in COLUMNS])]
    lines.append("-" * len(lines[0]))
    notes: list[str] = []
    for result in results:
        if result.page is None or result.floor is None:
            lines.append(_row([result.name, *["–"] * (len(COLUMNS) - 1)]))
            notes.append(f"{result.name}: skipped, {result.skipped}")
            continue
        lines.append(
            _row(
                [
                    result.name,
                    _ms(result.page.median_ms),
                    _ms(result.page.p95_ms),
                    str(result.page.queries),
                    _ms(result.floor.median_ms),
                    _ms(result.floor.p95_ms),
                    str(result.floor.queries),
                    f"{result.ratio:.2f}×" if result.ratio is not None else "–",
                    "yes" if result.same_output else "NO",
                ]
            )
        )
        notes.append(f"{result.name}: {result.target} — {result.detail}")
    return [*lines, "", *notes]


def report(
    database: str, data: BenchData, results: list[ScenarioResult], *, runs: int, warmup: int
) -> str:
    return "\n".join([*header(database, data, runs=runs, warmup=warmup), *table(results), ""])


CHECKOUT_COLUMNS = (
    ("scenario", 16, "<"),
    ("buyers", 6, ">"),
    ("purchases", 9, ">"),
    ("completed", 9, ">"),
    ("seconds", 8, ">"),
    ("checkouts/s", 11, ">"),
    ("complete p50", 12, ">"),
    ("complete p95", 12, ">"),
    ("stock", 6, ">"),
    ("sold", 5, ">"),
    ("oversold", 8, ">"),
)


def _checkout_row(cells: list[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}"
        for cell, (_, width, align) in zip(cells, CHECKOUT_COLUMNS, strict=True)
    )


def checkout_report(results: list[CheckoutResult], *, checkouts: int, buyers: int) -> str:
    """The checkout section: throughput, latency of `complete_checkout`, errors by kind and
    the oversold count, one row per scenario."""
    lines = [
        "",
        f"Checkout — {buyers} concurrent buyers (threads, one database connection each) share "
        f"{checkouts} purchases per scenario:",
        "cart with one unit (stock reserved) → address → delivery → complete_checkout with the "
        "bank-transfer gateway, each step its own transaction.",
        "Stock is set so about a quarter of the purchases find it sold out; oversold = "
        "Σ max(0, sold − stock) and must be 0. complete = complete_checkout alone.",
        "",
    ]
    header_row = _checkout_row([name for name, _, _ in CHECKOUT_COLUMNS])
    lines += [header_row, "-" * len(header_row)]
    for result in results:
        p50, p95 = result.complete_percentile(50), result.complete_percentile(95)
        lines.append(
            _checkout_row(
                [
                    result.name,
                    str(result.buyers),
                    str(result.attempts),
                    str(result.completed),
                    f"{result.seconds:.2f}",
                    f"{result.per_second:.1f}",
                    _ms(p50) if p50 is not None else "–",
                    _ms(p95) if p95 is not None else "–",
                    str(result.stock),
                    str(result.sold),
                    str(result.oversold),
                ]
            )
        )
    lines.append("")
    for result in results:
        kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(result.errors.items()))
        lines.append(f"{result.name} refused: {kinds or 'none'}")
    return "\n".join([*lines, ""])
