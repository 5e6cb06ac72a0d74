"""Reports: frames -> files (CSV for now). No Streamlit, no SQL."""

from reports.csv_export import MENTION_COLUMNS, neutralise, to_csv, write_csv

__all__ = ["MENTION_COLUMNS", "neutralise", "to_csv", "write_csv"]
