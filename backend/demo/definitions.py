"""The demo data as typed definitions, read from the YAML files in `fixtures/demo/`.

The YAML holds what a person would write by hand (names, stories, prices); this module turns it
into frozen dataclasses and checks what the loader relies on (unique slugs, known categories,
product types and attribute values), so a mistake in the data fails before anything is written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
# libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DemoDataError(ValueError):
    """The demo YAML files are inconsistent; the message names the entry."""


# --- Catalogue structure ---------------------------------------------------------------


@dataclass(frozen=True)
class CategoryDef:
    slug: str
    name: str
    description: str = ""
    parent_slug: str | None = None


@dataclass(frozen=True)
class ValueDef:
    slug: str
    name: str


@dataclass(frozen=True)
class AttributeDef:
    slug: str
    name: str
    input_type: str
    position: int
    entity_type: str = ""
    unit: str = ""
    values: tuple[ValueDef, ...] = ()


@dataclass(frozen=True)
class ProductTypeDef:
    slug: str
    name: str
    weight_grams: int
    product_attributes: tuple[str, ...]
    variant_attributes: tuple[str, ...]


@dataclass(frozen=True)
class CollectionDef:
    slug: str
    name: str
    description: str
    rule: str
    limit: int = 0
    product_slugs: tuple[str, ...] = ()
    county_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CatalogDef:
    channel_name: str
    categories: tuple[CategoryDef, ...]
    attributes: tuple[AttributeDef, ...]
    product_types: tuple[ProductTypeDef, ...]
    collections: tuple[CollectionDef, ...]


# --- Producers and products --------------------------------------------------------------


@dataclass(frozen=True)
class VariantDef:
    name: str
    price: Decimal
    grams: int


@dataclass(frozen=True)
class ProductDef:
    slug: str
    name: str
    category_slug: str
    type_slug: str
    description: str
    variants: tuple[VariantDef, ...]
    days_ago: int = 30
    grade: str | None = None
    certifications: tuple[str, ...] = ()
    shelf_life_days: int | None = None
    cold_chain: bool | None = None
    heritage: bool | None = None


@dataclass(frozen=True)
class DisabilityDef:
    category: int
    grade: int
    born: date
    male: bool


@dataclass(frozen=True)
class ProducerDef:
    slug: str
    name: str
    kind: str
    county_code: str
    township: str
    village: str
    contact_name: str
    opened_on: date
    story: str
    products: tuple[ProductDef, ...]
    featured: bool = False
    links: tuple[tuple[str, str], ...] = ()
    disability: DisabilityDef | None = None
    household_registered_year: int | None = None
    member_households: int = 0
    disabled_employees: int = 0
    cold_storage: bool = False


@dataclass(frozen=True)
class AccountDef:
    role: str
    name: str
    email: str | None = None
    mobile: str | None = None
    shop_slugs: tuple[str, ...] = ()
    about: str = ""
    county_code: str | None = None  # county_operator: the county it reviews
    helps: tuple[str, ...] = ()  # helper: the shops it acts for
    helper_kind: str = "volunteer"
    helper_scope: str = "all"

    @property
    def login(self) -> str:
        return self.email or self.mobile or ""


@dataclass(frozen=True)
class VerificationDef:
    shop_slug: str
    kind: str
    status: str  # approved | submitted
    statement: str = ""


ACCOUNT_ROLES = ("operator", "county_operator", "seller", "helper", "customer")
VERIFICATION_STATUSES = ("approved", "submitted")
VERIFICATION_KINDS = ("disabled", "poor_household", "cooperative", "poverty_base")


@dataclass(frozen=True)
class DemoData:
    named_regions: dict[str, dict[str, tuple[str, ...]]]
    catalog: CatalogDef
    producers: tuple[ProducerDef, ...]
    accounts: tuple[AccountDef, ...]
    verifications: tuple[VerificationDef, ...] = ()
    products: tuple[ProductDef, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "products", tuple(p for pr in self.producers for p in pr.products))


# --- Reading -----------------------------------------------------------------------------

_WEIGHT = re.compile(r"^(?P<amount>\d+(?:\.\d+)?)(?P<unit>千克|公斤|克|斤)")


def grams_from_name(name: str) -> int | None:
    """250克 -> 250, 2.5千克 -> 2500, 1斤 -> 500; None when the name carries no weight."""
    match = _WEIGHT.match(name)
    if not match:
        return None
    amount = Decimal(match["amount"])
    factor = {"克": 1, "千克": 1000, "公斤": 1000, "斤": 500}[match["unit"]]
    return int(amount * factor)


def parse_variant(spec: str, *, product_slug: str) -> VariantDef:
    """'500克 | 55.00' or '小号 | 168.00 | 300' (the third field is the weight in grams)."""
    parts = [part.strip() for part in spec.split("|")]
    if len(parts) not in (2, 3):
        raise DemoDataError(f"{product_slug}: variant {spec!r} must be 'name | price [| grams]'")
    name, price = parts[0], Decimal(parts[1])
    grams = int(parts[2]) if len(parts) == 3 else grams_from_name(name)
    if grams is None:
        raise DemoDataError(f"{product_slug}: variant {name!r} needs its weight in grams")
    if price <= 0 or price != price.quantize(Decimal("0.01")):
        raise DemoDataError(f"{product_slug}: price {parts[1]!r} must be positive, in fen")
    return VariantDef(name=name, price=price, grams=grams)


def _read_yaml(name: str, directory: Path) -> Any:
    with (directory / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)


def _product(raw: dict[str, Any]) -> ProductDef:
    slug = raw["slug"]
    variants = tuple(parse_variant(v, product_slug=slug) for v in raw["variants"])
    if not 1 <= len(variants) <= 3:
        raise DemoDataError(f"{slug}: a demo product has 1 to 3 variants")
    return ProductDef(
        slug=slug,
        name=raw["name"],
        category_slug=raw["category"],
        type_slug=raw["type"],
        description=raw.get("description", ""),
        variants=variants,
        days_ago=int(raw.get("days_ago", 30)),
        grade=raw.get("grade"),
        certifications=tuple(raw.get("certifications") or ()),
        shelf_life_days=raw.get("shelf_life"),
        cold_chain=raw.get("cold_chain"),
        heritage=raw.get("heritage"),
    )


def _producer(raw: dict[str, Any]) -> ProducerDef:
    county_code, township, village = raw["region"]
    disability = None
    if "disability" in raw:
        d = raw["disability"]
        disability = DisabilityDef(
            category=int(d["category"]),
            grade=int(d["grade"]),
            born=d["born"],
            male=d.get("sex", "m") == "m",
        )
    household = raw.get("household") or {}
    return ProducerDef(
        slug=raw["slug"],
        name=raw["name"],
        kind=raw["kind"],
        county_code=str(county_code),
        township=township,
        village=village,
        contact_name=raw.get("contact", ""),
        opened_on=raw["opened"],
        story=" ".join(raw.get("story", "").split()),
        products=tuple(_product(p) for p in raw.get("products", [])),
        featured=bool(raw.get("featured", False)),
        links=tuple((platform, path) for platform, path in (raw.get("links") or {}).items()),
        disability=disability,
        household_registered_year=household.get("registered"),
        member_households=int(raw.get("members", 0)),
        disabled_employees=int(raw.get("disabled_employees", 0)),
        cold_storage=bool(raw.get("cold_storage", False)),
    )


def _catalog(raw: dict[str, Any]) -> CatalogDef:
    categories: list[CategoryDef] = []
    for top in raw["categories"]:
        categories.append(CategoryDef(top["slug"], top["name"], top.get("description", "")))
        for child in top.get("children", []):
            categories.append(
                CategoryDef(child["slug"], child["name"], child.get("description", ""), top["slug"])
            )
    attributes = tuple(
        AttributeDef(
            slug=a["slug"],
            name=a["name"],
            input_type=a["input_type"],
            position=int(a.get("position", 0)),
            entity_type=a.get("entity_type", ""),
            unit=a.get("unit", ""),
            values=tuple(ValueDef(v["slug"], v["name"]) for v in a.get("values", [])),
        )
        for a in raw["attributes"]
    )
    product_types = tuple(
        ProductTypeDef(
            slug=t["slug"],
            name=t["name"],
            weight_grams=int(t.get("weight_grams", 0)),
            product_attributes=tuple(t.get("product_attributes", [])),
            variant_attributes=tuple(t.get("variant_attributes", [])),
        )
        for t in raw["product_types"]
    )
    collections = tuple(
        CollectionDef(
            slug=c["slug"],
            name=c["name"],
            description=c.get("description", ""),
            rule=c["rule"],
            limit=int(c.get("limit", 0)),
            product_slugs=tuple(c.get("products", [])),
            county_codes=tuple(str(code) for code in c.get("county_codes", [])),
        )
        for c in raw["collections"]
    )
    return CatalogDef(
        channel_name=raw["channel"]["name"],
        categories=tuple(categories),
        attributes=attributes,
        product_types=product_types,
        collections=collections,
    )


def _account(raw: dict[str, Any]) -> AccountDef:
    return AccountDef(
        role=raw["role"],
        name=raw["name"],
        email=raw.get("email"),
        mobile=str(raw["mobile"]) if raw.get("mobile") else None,
        shop_slugs=tuple(raw.get("shops", [])),
        about=raw.get("about", ""),
        county_code=str(raw["county"]) if raw.get("county") else None,
        helps=tuple(raw.get("helps", [])),
        helper_kind=raw.get("helper_kind", "volunteer"),
        helper_scope=raw.get("scope", "all"),
    )


def _verification(raw: dict[str, Any]) -> VerificationDef:
    return VerificationDef(
        shop_slug=raw["shop"],
        kind=raw["kind"],
        status=raw["status"],
        statement=" ".join(raw.get("statement", "").split()),
    )


def read_demo_data(directory: Path = FIXTURES_DIR) -> DemoData:
    """Read and check the demo YAML files."""
    regions_raw = _read_yaml("regions.yaml", directory)
    named_regions = {
        str(county): {township: tuple(villages) for township, villages in townships.items()}
        for county, townships in regions_raw.items()
    }
    data = DemoData(
        named_regions=named_regions,
        catalog=_catalog(_read_yaml("catalog.yaml", directory)),
        producers=tuple(_producer(p) for p in _read_yaml("producers.yaml", directory)),
        accounts=tuple(_account(a) for a in _read_yaml("accounts.yaml", directory)),
        verifications=tuple(
            _verification(v) for v in _read_yaml("verifications.yaml", directory) or []
        ),
    )
    check_demo_data(data)
    return data


@cache
def demo_data() -> DemoData:
    """The shipped demo data, read once per process."""
    return read_demo_data()


def _duplicates(values: list[str]) -> set[str]:
    return {value for value, count in Counter(values).items() if count > 1}


def check_demo_data(data: DemoData) -> None:
    """Cross-references the loader relies on; raises DemoDataError naming the first problem."""
    problems: list[str] = []
    for label, slugs in (
        ("producer", [p.slug for p in data.producers]),
        ("product", [p.slug for p in data.products]),
        ("category", [c.slug for c in data.catalog.categories]),
    ):
        if dupes := _duplicates(slugs):
            problems.append(f"duplicate {label} slugs: {sorted(dupes)}")
    categories = {c.slug for c in data.catalog.categories}
    types = {t.slug for t in data.catalog.product_types}
    values = {a.slug: {v.slug for v in a.values} for a in data.catalog.attributes}
    for product in data.products:
        if product.category_slug not in categories:
            problems.append(f"{product.slug}: unknown category {product.category_slug}")
        if product.type_slug not in types:
            problems.append(f"{product.slug}: unknown product type {product.type_slug}")
        if product.grade and product.grade not in values["grade"]:
            problems.append(f"{product.slug}: unknown grade {product.grade}")
        for cert in product.certifications:
            if cert not in values["certifications"]:
                problems.append(f"{product.slug}: unknown certification {cert}")
    for producer in data.producers:
        townships = data.named_regions.get(producer.county_code, {})
        if producer.village not in townships.get(producer.township, ()):
            problems.append(f"{producer.slug}: region not declared in regions.yaml")
        if producer.kind == "disabled_individual" and producer.disability is None:
            problems.append(f"{producer.slug}: a disabled individual needs `disability`")
        if producer.kind == "poor_household" and producer.household_registered_year is None:
            problems.append(f"{producer.slug}: a poor household needs `household`")
    shops = {p.slug for p in data.producers}
    for account in data.accounts:
        problems.extend(
            f"{account.login}: unknown shop {slug}"
            for slug in (*account.shop_slugs, *account.helps)
            if slug not in shops
        )
        if account.role not in ACCOUNT_ROLES:
            problems.append(f"{account.login}: unknown role {account.role}")
        if account.role == "county_operator" and account.county_code not in data.named_regions:
            problems.append(f"{account.login}: a county operator needs a demo `county`")
    owned = {slug for account in data.accounts for slug in account.shop_slugs}
    for verification in data.verifications:
        label = f"verification of {verification.shop_slug}"
        if verification.shop_slug not in owned:
            problems.append(f"{label}: the shop needs an owner in accounts.yaml")
        if verification.kind not in VERIFICATION_KINDS:
            problems.append(f"{label}: unknown kind {verification.kind}")
        if verification.status not in VERIFICATION_STATUSES:
            problems.append(f"{label}: unknown status {verification.status}")
    product_slugs = {p.slug for p in data.products}
    for collection in data.catalog.collections:
        problems.extend(
            f"collection {collection.slug}: unknown product {slug}"
            for slug in collection.product_slugs
            if slug not in product_slugs
        )
    if problems:
        raise DemoDataError("; ".join(problems))
