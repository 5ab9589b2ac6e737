"""The Chinese catalogue is complete, compiled, and covers the storefront's own strings."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from backend.producers.identity import DisabilityCategory, DisabilityGrade
from backend.producers.models import ProducerKind
from backend.regions.models import RegionLevel
from tests.i18n.po_files import Key, python_messages, read_po, template_messages

LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"
STOREFRONT_SOURCES = [
    *sorted((Path(settings.BASE_DIR) / "storefront").rglob("*.html")),
    *sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")),
    *sorted(
        p for p in (Path(settings.BASE_DIR) / "storefront").rglob("*.py") if "tests" not in p.parts
    ),
]


def test_po_every_message_is_translated_and_none_is_fuzzy():
    # given
    entries = [e for e in read_po(PO) if not e.obsolete]

    # when
    untranslated = [e.msgid for e in entries if not e.translated]

    # then
    assert len(entries) > 100
    assert untranslated == []


def test_mo_is_compiled_from_the_current_po():
    # given
    with MO.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]

    # when
    stale = []
    for entry in read_po(PO):
        if entry.obsolete or not entry.translated:
            continue
        msgid = entry.msgid if entry.context is None else f"{entry.context}\x04{entry.msgid}"
        compiled = catalog.get(msgid if entry.msgid_plural is None else (msgid, 0))
        if compiled != entry.msgstrs[0]:
            stale.append(entry.msgid)

    # then
    assert stale == [], "run: manage.py compilemessages --ignore=.venv"


def test_storefront_and_layout_strings_are_all_in_the_catalogue():
    # given
    translated: set[Key] = {e.key for e in read_po(PO) if e.translated and not e.obsolete}
    wanted: set[Key] = set()
    for source in STOREFRONT_SOURCES:
        wanted |= template_messages(source) if source.suffix == ".html" else python_messages(source)

    # when
    missing = sorted(msgid for _, msgid in wanted - translated)

    # then
    assert len(wanted) > 80
    assert missing == [], "run makemessages -l zh_Hans and translate the new strings"


@pytest.mark.parametrize(
    ("kind", "chinese"),
    [
        (ProducerKind.DISABLED_INDIVIDUAL, "残疾人个人"),
        (ProducerKind.POOR_HOUSEHOLD, "建档立卡贫困户"),
        (ProducerKind.COOPERATIVE, "合作社"),
        (ProducerKind.EMPLOYMENT_BASE, "就业扶贫基地"),
        (ProducerKind.ENTERPRISE_SHOP, "一店助多户"),
    ],
)
def test_producer_kind_labels_are_plain_chinese(kind, chinese):
    # when
    with translation.override("zh-hans"):
        label = str(kind.label)

    # then
    assert label == chinese


def test_model_choices_have_no_english_left_in_chinese():
    # given
    choices = [*DisabilityCategory.choices, *DisabilityGrade.choices, *RegionLevel.choices]

    # when
    with translation.override("zh-hans"):
        labels = [str(label) for _, label in choices]

    # then
    assert all(not any("a" <= ch.lower() <= "z" for ch in label) for label in labels), labels
