"""Storage: the only code that talks to the database (SQLAlchemy Core; SQLite or any SQLAlchemy URL)."""

from storage import queries
from storage.queries import Filters
from storage.store import Store, UpsertResult

__all__ = ["Filters", "Store", "UpsertResult", "queries"]
