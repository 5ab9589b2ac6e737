"""The seller mutations as a client sends them."""

PRODUCT_CREATE = """
mutation ($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product { id name slug }
    errors { field code message }
  }
}
"""

PRODUCT_UPDATE = """
mutation ($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) {
    product { id name }
    errors { field code message }
  }
}
"""

PRODUCT_VARIANT_CREATE = """
mutation ($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) {
    productVariant { id name sku }
    errors { field code message }
  }
}
"""

PRODUCT_VARIANT_STOCKS_UPDATE = """
mutation ($variantId: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, stocks: $stocks) {
    productVariant { id }
    errors { field code message }
  }
}
"""

PRODUCT_MEDIA_CREATE = """
mutation ($product: ID!, $image: Upload, $alt: String) {
  productMediaCreate(input: {product: $product, image: $image, alt: $alt}) {
    media { id alt }
    product { id }
    errors { field code message }
  }
}
"""

ORDER_FULFILL = """
mutation ($order: ID, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) {
    fulfillments { id trackingNumber carrier lines { quantity } }
    errors { field code message }
  }
}
"""

PRODUCT_CHANNEL_LISTING_UPDATE = """
mutation ($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) {
    product { id isAvailableForPurchase }
    errors { field code message }
  }
}
"""
