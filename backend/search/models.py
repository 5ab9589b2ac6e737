"""The PostgreSQL search index and the operators' ranking weights.

`SearchDocument` is one row per product and channel in which the product is listed (published,
visible in listings, producer active). Everything a search filters, counts or ranks by is
denormalised here so a search reads one table: the segmented terms (a tsvector built from
pre-segmented terms, so no text-search parser or dictionary touches Chinese), the pinyin
spelling for trigram typo matching, and the facet columns. Verification tags are stored as
validity windows (one `tstzmultirange` per tag kind) and compared with the current time at
query time, so a lapsed tag stops counting the moment it lapses, without a reindex.

Row layout (migration 0004): the table sets `toast_tuple_target`, so the two large vectors
(`terms`, ~1.5 kB compressed with the description, and `head_terms`) live out of line in the
TOAST table. The GIN index answers `terms @@ query` exactly without reading them (no weights in
the query, and the bitmap stays exact), so a search reads only the narrow rows: ~400 bytes
instead of ~3 kB, a fifth of the pages. `name_terms` (small, PLAIN) stays inline for ranking.

Physical order: `manage.py search_reindex --cluster` (and the bench after building its
million) rewrites the table in `search_doc_cluster` order (channel, category path, spelling).
A common word's matches are mostly products of a few categories with similar names, so they
then share heap pages: 党参 at a million documents reads ~4,000 pages instead of ~30,000.
Rows written later go wherever there is room, so the order decays until the next CLUSTER.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

# The tag kinds a document keeps windows for, and the column of each (VerificationKind values).
TAG_WINDOW_COLUMNS = {
    "poor_household": "poor_household_windows",
    "disabled": "disabled_windows",
    "cooperative": "cooperative_windows",
    "poverty_base": "poverty_base_windows",
}


class DateTimeMultiRangeField(models.Field):  # type: ignore[type-arg]
    """PostgreSQL `tstzmultirange`: written and read by the search backend's own SQL."""

    description = "PostgreSQL tstzmultirange"

    def db_type(self, connection: Any) -> str:
        return "tstzmultirange"


class SearchDocument(models.Model):
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey("catalog.Channel", on_delete=models.CASCADE, related_name="+")
    channel_slug = models.CharField(max_length=100)
    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=250)
    terms = SearchVectorField()
    # The name, category, producer, region and attribute terms only (no description): small
    # enough to stay inline, so scoring each match reads no TOAST (see postgres_sql.py).
    head_terms = SearchVectorField(null=True)
    # The name's terms alone, without positions (stored PLAIN, inline): whether a query term is
    # in the name is all the first ranking phase asks of each matching row.
    name_terms = SearchVectorField(null=True)
    spelling = models.TextField(blank=True)
    category_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    county_code = models.CharField(max_length=12, blank=True)
    certification_slugs = ArrayField(models.CharField(max_length=255), default=list, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    in_stock = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True)
    product_created_at = models.DateTimeField()
    poor_household_windows = DateTimeMultiRangeField(default="{}")
    disabled_windows = DateTimeMultiRangeField(default="{}")
    cooperative_windows = DateTimeMultiRangeField(default="{}")
    poverty_base_windows = DateTimeMultiRangeField(default="{}")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "channel"], name="search_document_unique")
        ]
        indexes = [
            GinIndex(fields=["terms"], name="search_doc_terms"),
            models.Index(fields=["spelling"], name="search_doc_spelling"),
            # The physical order `cluster_index()` (CLUSTER) puts the rows in: documents of a
            # category, then of a name, sit together, so a word's matches share heap pages.
            models.Index(
                fields=["channel_slug", "category_ids", "spelling"], name="search_doc_cluster"
            ),
            GinIndex(fields=["category_ids"], name="search_doc_categories"),
            GinIndex(fields=["certification_slugs"], name="search_doc_certifications"),
            models.Index(fields=["channel_slug", "price"], name="search_doc_channel_price"),
            models.Index(
                fields=["channel_slug", "-product_created_at"], name="search_doc_channel_newest"
            ),
            models.Index(fields=["county_code"], name="search_doc_county"),
            models.Index(fields=["producer"], name="search_doc_producer"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.channel_slug}"


class SearchSpelling(models.Model):
    """Every distinct document spelling: the typo pass compares the query with this small
    dictionary (pg_trgm) and then fetches the documents of the close spellings by equality."""

    spelling = models.TextField(unique=True)

    class Meta:
        indexes = [
            GinIndex(OpClass("spelling", name="gin_trgm_ops"), name="search_spelling_trgm"),
        ]

    def __str__(self) -> str:
        return self.spelling


class SearchTerm(models.Model):
    """The vocabulary "did you mean" picks from: words of product names and categories."""

    term = models.CharField(max_length=100, unique=True)
    spelling = models.CharField(max_length=300)

    class Meta:
        indexes = [
            GinIndex(OpClass("spelling", name="gin_trgm_ops"), name="search_term_spelling_trgm"),
            GinIndex(OpClass(Upper("term"), name="gin_trgm_ops"), name="search_term_term_trgm"),
        ]

    def __str__(self) -> str:
        return self.term


def _weight_field(verbose_name: Any, default: str, help_text: Any = "") -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=4,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.1499"))],
        help_text=help_text,
    )


class RankingWeights(models.Model):
    """Priority-promotion weights (优先推介) that operators tune in the admin. One row (pk=1).

    Each live verification tag of the product's producer adds its weight; the sum is capped at
    `max_boost`, which must stay below the relevance gap that counts as "clearly more relevant"
    (see backend/search/ranking.py), so a boost never lifts a product over a clearly more
    relevant one. Changes are written to the audit log (backend/search/weights.py).
    """

    poor_household = _weight_field(_("registered poor household boost"), "0.0800")
    disabled = _weight_field(_("disabled seller boost"), "0.0800")
    cooperative = _weight_field(_("cooperative boost"), "0.0200")
    poverty_base = _weight_field(_("poverty-alleviation base boost"), "0.0200")
    max_boost = _weight_field(
        _("largest total boost"),
        "0.1000",
        _("The sum of a product's boosts is capped here. Must be below 0.15."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ranking weights")
        verbose_name_plural = _("ranking weights")

    def __str__(self) -> str:
        return str(_("Priority-promotion weights"))
