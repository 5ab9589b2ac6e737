from backend.sourcing.tests.conftest import other_side, side

__all__ = ["other_side", "side"]
