"""The special-products zone (扶贫特产专区): county pavilions (一县一品), regional brands and
campaigns (festivals), curated by operators in the admin.

- The zone lists only products whose producer holds a live verification tag at the moment of
  the request (`backend.verification.tags`; the search index compares tag windows with the
  current time, so a lapsed tag drops a product at once, with no job and no reindex).
- A pavilion belongs to one county (`Region` of level county) and may belong to a regional
  brand; a brand's counties are those of its pavilions.
- Campaigns have a time window (`starts_at <= now < ends_at`) and featured products. A campaign
  price is per variant and must be at or above what the producer consented to for that campaign
  (`campaign_prices.py`: `no_consent` / `below_consent` refusals, audited changes).
- Attribution (`attribution.py`): a cart line is bought through a campaign when the buyer adds a
  featured product from the campaign's page while it is live. Checkout pricing
  (`backend.catalog.pricing.campaign_prices_for_lines`) applies the campaign price to such a line
  only while the campaign is live and never above the listing price; an order placed then records
  the line in `CampaignOrderLine` (order creation calls `record_campaign_order_lines`). The
  operators' report (`reports.py`, admin › campaigns › sales report) reads only those rows.
"""
