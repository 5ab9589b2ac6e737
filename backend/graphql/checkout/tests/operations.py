"""The GraphQL operations the checkout tests send."""

from __future__ import annotations

ERRORS = "errors { field code message variants lines addressType }"

CHECKOUT_FIELDS = """
  id token email quantity
  user { email }
  lines {
    id quantity
    variant { id name }
    unitPrice { gross { amount currency } }
    totalPrice { gross { amount currency } }
  }
  subtotalPrice { gross { amount } }
  shippingPrice { gross { amount } }
  totalPrice { gross { amount currency } }
  shippingAddress { firstName lastName phone countryArea city cityArea streetAddress1 }
  deliveryMethod { ... on ShippingMethod { id name } }
"""

CHECKOUT_CREATE = f"""
mutation Create($input: CheckoutCreateInput!) {{
  checkoutCreate(input: $input) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""

LINES_ADD = f"""
mutation Add($id: ID, $checkoutId: ID, $token: UUID, $lines: [CheckoutLineInput!]!) {{
  checkoutLinesAdd(id: $id, checkoutId: $checkoutId, token: $token, lines: $lines) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""

LINES_UPDATE = f"""
mutation Update($id: ID, $lines: [CheckoutLineUpdateInput!]!) {{
  checkoutLinesUpdate(id: $id, lines: $lines) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""

LINES_DELETE = f"""
mutation Delete($id: ID, $linesIds: [ID!]!) {{
  checkoutLinesDelete(id: $id, linesIds: $linesIds) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""

EMAIL_UPDATE = f"""
mutation Email($id: ID, $email: String!) {{
  checkoutEmailUpdate(id: $id, email: $email) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }}
}}
"""

ADDRESS_UPDATE = f"""
mutation Address($id: ID, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""

DELIVERY_UPDATE = f"""
mutation Delivery($id: ID, $method: ID) {{
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERRORS}
  }}
}}
"""

COMPLETE = f"""
mutation Complete($id: ID, $gateway: String, $paymentData: JSONString) {{
  checkoutComplete(id: $id, paymentGateway: $gateway, paymentData: $paymentData) {{
    order {{
      id number status paymentStatus isPaid userEmail
      total {{ gross {{ amount currency }} }}
      subtotal {{ gross {{ amount }} }}
      shippingPrice {{ gross {{ amount }} }}
      shippingAddress {{ firstName phone streetAddress1 cityArea }}
      lines {{ id productName quantity totalPrice {{ gross {{ amount }} }} variant {{ id }} }}
      subOrders {{ producer {{ id name }} total {{ amount }} lines {{ quantity }} }}
    }}
    confirmationNeeded
    {ERRORS}
  }}
}}
"""

CHECKOUT_QUERY = f"""
query Checkout($id: ID) {{
  checkout(id: $id) {{ {CHECKOUT_FIELDS} }}
}}
"""
