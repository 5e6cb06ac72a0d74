"""Reports: frames -> files (CSV for now). No Streamlit, no SQL."""

from reports.csv_export import AUDIT_LOG_COLUMNS, MENTION_COLUMNS, RESPONSE_LOG_COLUMNS, neutralise, to_csv, write_csv

__all__ = ["AUDIT_LOG_COLUMNS", "MENTION_COLUMNS", "RESPONSE_LOG_COLUMNS", "neutralise", "to_csv", "write_csv"]
