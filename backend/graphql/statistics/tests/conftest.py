from programme_portal.tests.conftest import operators, sales

__all__ = ["operators", "sales"]
