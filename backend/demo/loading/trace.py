"""Demo traceability and stories, through the services, after `load_demo()`:

- batches of several demo products, grown in their producer's village, each with an invented
  certificate of compliance (a drawn JPEG stamped 样本 / SAMPLE, no person on it);
- the demo orders' parcels assigned to those batches, oldest first, so the batch pages show
  where they sold;
- a published story about 春生药材小铺 (the demo seller `seller@demo.sunshine.test`), with a
  photo, consented to by the seller.

Idempotent: a product with a demo batch gets none again, a batch with a certificate gets none
again, oldest-first assignment only covers what is not yet assigned, the story is found by
slug and consent is given only when missing. Services open durable transactions, so this runs
outside any other transaction (or inside a test case's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.demo.pictures import draw_product_card, draw_sample_certificate, palette_for
from backend.images.fields import normalised_file
from backend.images.validation import validate_image_upload
from backend.orders.models import SubOrder
from backend.producers.models import Producer
from backend.regions.models import RegionLevel
from backend.stories.consent import give_consent
from backend.stories.models import Story, StoryConsent, StoryPhoto
from backend.stories.publishing import publish_story
from backend.traceability.allocation import assign_batches_oldest_first
from backend.traceability.batches import BatchInput, record_batch
from backend.traceability.certificates import add_batch_certificate
from backend.traceability.errors import TraceabilityError
from backend.traceability.fetch import COUNTED_STATUSES
from backend.traceability.models import Batch, DateKind

OPERATOR_EMAIL = "operator@demo.sunshine.test"
STORY_SLUG = "chunsheng-herbs-from-bed-to-the-whole-country"
STORY_SHOP = "chunsheng-herbs"


@dataclass(frozen=True)
class DemoBatch:
    sku: str
    made_on: date
    quantity: int
    grade: str
    notes: str
    date_kind: str = DateKind.HARVEST


DEMO_BATCHES = (
    DemoBatch(
        "weiyuan-baitiao-dangshen-1",
        date(2025, 10, 12),
        400,
        "特级",
        "海拔两千米坡地，种植三年，自然晾晒。",
    ),
    DemoBatch(
        "weiyuan-baitiao-dangshen-2", date(2025, 10, 12), 300, "特级", "与 250 克装同一天采挖。"
    ),
    DemoBatch(
        "chengxian-paper-shell-walnut-1",
        date(2025, 9, 20),
        500,
        "一级",
        "白露后采收，脱青皮后水洗晾干。",
    ),
    DemoBatch("wuxiang-yellow-millet-2", date(2025, 10, 5), 600, "一级", "旱地谷子，石碾去壳。"),
    DemoBatch(
        "enshi-yulu-green-tea-1",
        date(2026, 4, 2),
        200,
        "特级",
        "明前一芽一叶，蒸汽杀青。",
        DateKind.PRODUCTION,
    ),
    DemoBatch(
        "yuanyang-terrace-red-rice-1", date(2025, 10, 28), 500, "一级", "梯田稻鱼共生，不施化肥。"
    ),
)

STORY_TITLE = "躺在床上，把家乡的党参卖到全国"
STORY_SUMMARY = (
    "柳春生因伤只能卧床，在乡里残疾人专职委员的帮助下开起网店，为本庙村乡亲卖党参、黄芪。"
)
STORY_BODY = (
    "十几年前，柳春生在山上挖药时摔伤了脊椎，从此只能躺在床上。\n\n"
    "乡里的残疾人专职委员教他用手机开网店。他把村里乡亲们种的党参、黄芪一包包拍照上架，"
    "每一批货都记下采挖的日子和地块，买家扫码就能看到来自哪个村。\n\n"
    "“躺在床上，也能把家乡的好东西送到全国。”他说。（本文人物为演示虚构。）"
)


@dataclass(frozen=True)
class DemoTraceResult:
    batches: int
    certificates: int
    allocations: int
    story_online: bool


def _certificate_upload(batch: Batch) -> SimpleUploadedFile:
    lines = (
        f"产品：{batch.variant.product.name}",
        f"批次：{batch.code}",
        f"产地：{batch.origin.name}",
        f"日期：{batch.made_on.isoformat()}",
        "承诺：不使用禁用农药兽药、不超标使用常规农药",
    )
    data = draw_sample_certificate("食用农产品合格证", lines)
    return SimpleUploadedFile("certificate.jpg", data, content_type="image/jpeg")


def _load_batches() -> list[Batch]:
    variants = ProductVariant.objects.select_related(
        "product__producer__region", "product__producer__owner"
    ).in_bulk([d.sku for d in DEMO_BATCHES], field_name="sku")
    batches: list[Batch] = []
    for definition in DEMO_BATCHES:
        variant = variants.get(definition.sku)
        if variant is None:
            continue
        producer = variant.product.producer
        existing = Batch.objects.filter(variant=variant).order_by("pk").first()
        if existing is None:
            if producer.region.level not in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
                continue
            existing = record_batch(
                producer,
                BatchInput(
                    variant_id=variant.pk,
                    made_on=definition.made_on,
                    origin_id=producer.region_id,
                    quantity=definition.quantity,
                    date_kind=definition.date_kind,
                    grade=definition.grade,
                    notes=definition.notes,
                ),
                actor=producer.owner,
            )
        batch = Batch.objects.select_related("variant__product", "origin", "seller").get(
            pk=existing.pk
        )
        if not batch.certificates.exists():
            add_batch_certificate(
                batch,
                upload=_certificate_upload(batch),
                kind="compliance",
                issued_by=f"{batch.origin.name}（演示）",
                no_personal_data_confirmed=True,
                actor=producer.owner,
            )
        batches.append(batch)
    return batches


def _assign_demo_orders(batches: list[Batch]) -> None:
    sub_orders = (
        SubOrder.objects.filter(
            producer_id__in={b.seller_id for b in batches}, status__in=COUNTED_STATUSES
        )
        .select_related("producer")
        .order_by("pk")
    )
    for sub_order in sub_orders:
        try:
            assign_batches_oldest_first(sub_order, actor=None)
        except TraceabilityError:
            continue


def _story_photo(story: Story) -> None:
    if story.photos.exists():
        return
    data = draw_product_card("本庙村的党参地", "渭源县会川镇", palette_for("herbs"))
    upload = SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")
    StoryPhoto.objects.create(
        story=story,
        image=normalised_file(validate_image_upload(upload)),
        alt="写着“本庙村的党参地”的示意图片",
        caption="本庙村的党参地（示意图）",
    )


def _load_story() -> bool:
    story = Story.objects.select_related("producer__owner").filter(slug=STORY_SLUG).first()
    if story is None:
        producer = Producer.objects.select_related("owner").filter(slug=STORY_SHOP).first()
        if producer is None or producer.owner is None:
            return False
        story = Story.objects.create(
            producer=producer,
            slug=STORY_SLUG,
            title=STORY_TITLE,
            summary=STORY_SUMMARY,
            body=STORY_BODY,
            created_by=User.objects.filter(email=OPERATOR_EMAIL).first(),
        )
    owner = story.producer.owner
    _story_photo(story)
    if story.published_at is None:
        publish_story(story.pk, actor=story.created_by)
    covered = StoryConsent.objects.filter(
        story=story, content_hash=story.content_hash, withdrawn_at__isnull=True
    ).exists()
    if not covered and owner is not None:
        give_consent(story.pk, actor=owner)
        covered = True
    return covered


def load_demo_trace() -> DemoTraceResult:
    batches = _load_batches()
    _assign_demo_orders(batches)
    online = _load_story()
    batch_ids = [b.pk for b in batches]
    return DemoTraceResult(
        batches=len(batches),
        certificates=Batch.objects.filter(pk__in=batch_ids, certificates__isnull=False)
        .distinct()
        .count(),
        allocations=sum(
            1 for b in Batch.objects.filter(pk__in=batch_ids) if b.quantity_allocated > 0
        ),
        story_online=online,
    )
