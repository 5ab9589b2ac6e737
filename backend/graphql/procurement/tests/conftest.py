from backend.procurement.tests.conftest import other_seller, other_side, seller, side

__all__ = ["other_seller", "other_side", "seller", "side"]
