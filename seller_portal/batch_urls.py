from django.urls import URLPattern, URLResolver, path

from seller_portal.views import batches, story_consent

SHOP = "shop/<int:producer_id>/"
BATCH = SHOP + "batches/<int:batch_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(SHOP + "batches/", batches.batch_list, name="batch_list"),
    path(SHOP + "batches/new/", batches.batch_add, name="batch_add"),
    path(BATCH, batches.batch_detail, name="batch_detail"),
    path(BATCH + "certificates/new/", batches.certificate_add, name="certificate_add"),
    path(BATCH + "labels.pdf", batches.batch_labels, name="batch_labels"),
    path(BATCH + "withdraw/", batches.batch_withdraw, name="batch_withdraw"),
    path(
        SHOP + "batches/orders/<int:sub_order_id>/",
        batches.order_batches,
        name="order_batches",
    ),
    # stories about the shop: the producer's consent
    path(SHOP + "stories/", story_consent.story_list, name="story_consents"),
    path(SHOP + "stories/<int:story_id>/", story_consent.story_detail, name="story_consent"),
]
