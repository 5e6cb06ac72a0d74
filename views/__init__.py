"""Dashboard pages, one module each, plus the shared data access (data.py) and filters (filters.py)."""
