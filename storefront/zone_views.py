"""Zone pages: the special-products zone, county pavilions, regional brands and campaigns.

Lists come from the search interface (`storefront.zone_listing`), so facets, sorting and "why
is this here?" work the same on every page; everything works without JavaScript (GET forms and
one POST form per product to add it to the cart through a campaign).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from backend.checkout.errors import CheckoutError
from backend.checkout.lines import LineInput
from backend.warehouse.errors import InsufficientStock
from backend.zone.attribution import attribute_cart_lines
from backend.zone.errors import ZoneError
from backend.zone.models import Campaign, Pavilion, RegionalBrand
from storefront import cart_session, queries, zone_queries
from storefront.checkout_forms import quantity_field
from storefront.zone_listing import restrict_facet, search_listing

ZONE_FACETS = ("category", "county", "certification", "tag", "price_band")
PLACE_FACETS = ("category", "certification", "tag", "price_band")


@require_safe
def zone(request: HttpRequest) -> HttpResponse:
    channel = queries.storefront_channel()
    listing = search_listing(channel, request.GET, facets=ZONE_FACETS, zone_only=True)
    context = {
        "listing": listing,
        "pavilions": zone_queries.pavilion_cards(),
        "brands": zone_queries.brand_links(),
        "campaign": zone_queries.current_campaign_card(timezone.now()),
    }
    return render(request, "storefront/zone/zone.html", context)


@require_safe
def pavilion(request: HttpRequest, key: str) -> HttpResponse:
    channel = queries.storefront_channel()
    try:
        detail = zone_queries.get_pavilion_detail(channel, key)
    except Pavilion.DoesNotExist:
        raise Http404("no such pavilion") from None
    listing = search_listing(
        channel,
        request.GET,
        facets=PLACE_FACETS,
        zone_only=True,
        county_codes=(detail.card.county_code,),
    )
    return render(
        request, "storefront/zone/pavilion.html", {"pavilion": detail, "listing": listing}
    )


@require_safe
def brand(request: HttpRequest, slug: str) -> HttpResponse:
    channel = queries.storefront_channel()
    try:
        detail = zone_queries.get_brand_detail(slug)
    except RegionalBrand.DoesNotExist:
        raise Http404("no such brand") from None
    listing = None  # a brand without pavilions yet lists nothing
    if detail.county_codes:
        # Only the brand's own counties can be chosen; none chosen means all of them.
        chosen = tuple(c for c in request.GET.getlist("county") if c in detail.county_codes)
        listing = restrict_facet(
            search_listing(
                channel,
                request.GET,
                facets=("county", *PLACE_FACETS),
                zone_only=True,
                county_codes=chosen or detail.county_codes,
            ),
            "county",
            allowed=detail.county_codes,
            chosen=chosen,
        )
    return render(request, "storefront/zone/brand.html", {"brand": detail, "listing": listing})


class CampaignAddForm(forms.Form):
    variant = forms.TypedChoiceField(label=_("Size"), coerce=int)

    def __init__(
        self, offers: list[zone_queries.CampaignOffer], *args: object, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["variant"].choices = [(o.variant_id, o.name) for o in offers]  # type: ignore[attr-defined]
        self.fields["quantity"] = quantity_field(minimum=1, label=_("Quantity"))


@require_safe
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    channel = queries.storefront_channel()
    now = timezone.now()
    try:
        detail = zone_queries.get_campaign_detail(channel, slug, now)
    except Campaign.DoesNotExist:
        raise Http404("no such campaign") from None
    listing = search_listing(
        channel, request.GET, facets=(*PLACE_FACETS, "county"), product_ids=detail.product_ids
    )
    return render(
        request, "storefront/zone/campaign.html", {"campaign": detail, "listing": listing}
    )


@require_POST
def campaign_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a featured product to the cart through the campaign (its price, its attribution)."""
    channel = queries.storefront_channel()
    now = timezone.now()
    page = reverse("storefront:campaign", args=[slug])
    try:
        detail = zone_queries.get_campaign_detail(channel, slug, now)
        campaign = zone_queries.get_live_campaign(slug, now)
    except Campaign.DoesNotExist:
        raise Http404("no such campaign") from None
    if channel is None:
        raise Http404("no channel")
    offers = [offer for group in detail.offers.values() for offer in group]
    form = CampaignAddForm(offers, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return HttpResponseRedirect(page)
    variant_id, quantity = form.cleaned_data["variant"], form.cleaned_data["quantity"]
    try:
        checkout = cart_session.add_to_cart(request, channel, [LineInput(variant_id, quantity)])
    except CheckoutError as error:
        for problem in error.errors:
            messages.error(request, str(problem.message))
        return HttpResponseRedirect(page)
    except InsufficientStock:
        messages.error(request, gettext("There is not enough of this item left. Try fewer."))
        return HttpResponseRedirect(page)
    try:
        attribute_cart_lines(checkout, campaign, [variant_id])
    except ZoneError as error:  # the campaign ended a moment ago
        messages.warning(request, error.message)
    else:
        name = next((o.name for o in offers if o.variant_id == variant_id), "")
        messages.success(
            request,
            gettext("%(size)s × %(quantity)s is in your cart, bought through %(campaign)s.")
            % {"size": name, "quantity": quantity, "campaign": campaign.name},
        )
    return HttpResponseRedirect(reverse("storefront:cart"))
