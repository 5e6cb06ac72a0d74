"""Configuration: the TOML files in this folder and the one loader that reads them."""

from config.loader import (
    DEFAULT_CONFIG_DIR, PROJECT_DIR, SETTINGS_HELP, Config, ConfigError, Fact, Myth, Settings, Source,
    config_dir, database_url, load_config,
)
from config.watchlist import WatchEntry, Watchlist

__all__ = [
    "DEFAULT_CONFIG_DIR", "PROJECT_DIR", "SETTINGS_HELP", "Config", "ConfigError", "Fact", "Myth", "Settings",
    "Source", "WatchEntry", "Watchlist", "config_dir", "database_url", "load_config",
]
