"""Order scenarios are built through the real services (checkout → complete_checkout), so tests
see orders exactly as production makes them; see `backend/orders/tests/conftest.py`."""
