"""Demo reviews, written through the review services after `load_demo()`:

- two invented review buyers (sign-ins below) place orders through the same services as the
  demo orders (`load_demo_orders`), which are paid, shipped and received;
- the demo customer's received parcel is reviewed too;
- the disabled seller answers one review publicly, and the seller's volunteer helper reports
  another that talks about the seller's disability rather than the product, so the operators'
  moderation queue (admin › product reviews › reported, about a personal trait) has one.

Idempotent: orders are found again by recipient, a line already reviewed is skipped, an
answered review is not answered again and a reported one not reported again. Services open
durable transactions, so this runs outside any other transaction (`can_place_orders`).
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts.models import User
from backend.catalog.product_editing import default_channel
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading.orders import (
    BANK,
    DemoOrderDef,
    Parcel,
    can_place_orders,
    load_demo_orders,
)
from backend.orders.models import Order, OrderLine
from backend.reviews.answers import answer_review
from backend.reviews.creation import create_review
from backend.reviews.eligibility import eligibility_policy
from backend.reviews.models import ProductReview, ReportReason, ReviewReport
from backend.reviews.reports import report_review

OPERATOR_EMAIL = "operator@demo.sunshine.test"
CUSTOMER_EMAIL = "buyer@demo.sunshine.test"
SELLER_EMAIL = "seller@demo.sunshine.test"  # owns chunsheng-herbs (渭源白条党参)
HELPER_EMAIL = "helper@demo.sunshine.test"  # volunteer helper of chunsheng-herbs, scope "all"


@dataclass(frozen=True)
class ReviewBuyer:
    email: str
    name: str
    orders: tuple[DemoOrderDef, ...]


REVIEW_BUYERS = (
    ReviewBuyer(
        email="reviewer-wu@demo.sunshine.test",
        name="吴小燕（演示评价买家）",
        orders=(
            DemoOrderDef(
                recipient="吴小燕",
                mobile="199 0000 2001",
                address_detail="将台路 8 号院 3 号楼 1102",
                gateway=BANK,
                lines=(("weiyuan-baitiao-dangshen-1", 1), ("chengxian-paper-shell-walnut-1", 1)),
                paid=True,
                parcels=(Parcel("中国邮政 EMS", "1187650000201"), Parcel("韵达快递", "YD2001")),
                received=2,
            ),
        ),
    ),
    ReviewBuyer(
        email="reviewer-zheng@demo.sunshine.test",
        name="郑海涛（演示评价买家）",
        orders=(
            DemoOrderDef(
                recipient="郑海涛",
                mobile="199 0000 2002",
                address_detail="高碑店乡半壁店 1 号 6 层",
                gateway=BANK,
                lines=(("weiyuan-baitiao-dangshen-1", 1), ("aksu-candy-heart-apple-1", 1)),
                paid=True,
                parcels=(Parcel("顺丰速运", "SF1400200201"), Parcel("中通快递", "ZT2002")),
                received=2,
            ),
        ),
    ),
)

# (buyer e-mail, SKU) → (stars, text). The demo customer has received one of the two parcels
# of the 周建国 order; the other line gets its review once that parcel is received.
REVIEWS: dict[tuple[str, str], tuple[int, str]] = {
    ("reviewer-wu@demo.sunshine.test", "weiyuan-baitiao-dangshen-1"): (
        5,
        "党参条很粗，晒得干，炖汤很香。包装严实，五天到北京。",
    ),
    ("reviewer-wu@demo.sunshine.test", "chengxian-paper-shell-walnut-1"): (
        4,
        "纸皮核桃用手就能捏开，果仁饱满，个别有点小。",
    ),
    ("reviewer-zheng@demo.sunshine.test", "weiyuan-baitiao-dangshen-1"): (
        3,
        "听说店主是残疾人，难怪发货慢了两天。党参本身还可以。",
    ),
    ("reviewer-zheng@demo.sunshine.test", "aksu-candy-heart-apple-1"): (
        5,
        "糖心很明显，很甜，一箱没有一个坏的。",
    ),
    (CUSTOMER_EMAIL, "enshi-yulu-green-tea-1"): (5, "茶香清爽，回甘明显，会回购。"),
    (CUSTOMER_EMAIL, "wuxiang-yellow-millet-2"): (4, "小米熬粥很黏稠，颜色金黄。"),
}
ANSWERED = ("reviewer-wu@demo.sunshine.test", "weiyuan-baitiao-dangshen-1")
ANSWER_TEXT = "谢谢您的支持！党参是我们自家地里种的，欢迎再来。"
REPORTED = ("reviewer-zheng@demo.sunshine.test", "weiyuan-baitiao-dangshen-1")
REPORT_DETAILS = "评价在说店主的残疾，不是在说商品。发货时间按承诺是三天内。"


@dataclass(frozen=True)
class DemoReviewsResult:
    reviews: int
    answered: int
    reported: int


def _buyer(definition: ReviewBuyer) -> User:
    user = User.objects.filter(email=definition.email).first()
    if user is None:
        user = User(email=definition.email, name=definition.name)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _user(email: str) -> User | None:
    return User.objects.filter(email=email, is_active=True).first()


def _review(buyer: User, line: OrderLine, stars: int, text: str) -> ProductReview:
    existing = ProductReview.objects.filter(order_line=line).first()
    if existing is not None:
        return existing
    return create_review(line.pk, actor=buyer, rating=stars, text=text)


def load_demo_reviews() -> DemoReviewsResult:
    """Place and receive the review buyers' orders, write the demo reviews, one answer and one
    report (a review about the seller's disability). Safe to run again."""
    operator = _user(OPERATOR_EMAIL)
    if operator is None or not can_place_orders():
        return DemoReviewsResult(0, 0, 0)
    channel = default_channel()
    buyers: dict[str, User | None] = {CUSTOMER_EMAIL: _user(CUSTOMER_EMAIL)}
    for definition in REVIEW_BUYERS:
        reviewer = _buyer(definition)
        load_demo_orders(
            channel, customer=reviewer, operator=operator, definitions=definition.orders
        )
        buyers[definition.email] = reviewer
    written: dict[tuple[str, str], ProductReview] = {}
    for email, buyer in buyers.items():
        if buyer is None:
            continue
        lines = eligibility_policy.delivered_lines_for(buyer).filter(
            order__in=Order.objects.filter(user=buyer)
        )
        for line in lines.order_by("pk"):
            wanted = REVIEWS.get((email, line.product_sku))
            if wanted is not None:
                written[(email, line.product_sku)] = _review(buyer, line, *wanted)
    answered = reported = 0
    seller, helper = _user(SELLER_EMAIL), _user(HELPER_EMAIL)
    review = written.get(ANSWERED)
    if review is not None and seller is not None:
        if not review.is_answered:
            answer_review(review.pk, actor=seller, text=ANSWER_TEXT)
        answered = 1
    review = written.get(REPORTED)
    if review is not None and helper is not None:
        if not ReviewReport.objects.filter(review=review).exists():
            report_review(
                review.pk,
                actor=helper,
                reason=ReportReason.PERSONAL_TRAIT,
                details=REPORT_DETAILS,
            )
        reported = 1
    return DemoReviewsResult(len(written), answered, reported)
