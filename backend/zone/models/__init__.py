"""The special-products zone: county pavilions (一县一品), regional brands and campaigns."""

from backend.zone.models.attribution import CampaignCheckoutLine, CampaignOrderLine
from backend.zone.models.campaigns import (
    Campaign,
    CampaignPrice,
    CampaignPriceConsent,
    CampaignProduct,
)
from backend.zone.models.pavilions import Pavilion, PavilionPhoto, RegionalBrand

__all__ = [
    "Campaign",
    "CampaignCheckoutLine",
    "CampaignOrderLine",
    "CampaignPrice",
    "CampaignPriceConsent",
    "CampaignProduct",
    "Pavilion",
    "PavilionPhoto",
    "RegionalBrand",
]
