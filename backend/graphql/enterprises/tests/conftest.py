from backend.enterprises.tests.conftest import other_side, seller, side

__all__ = ["other_side", "seller", "side"]
