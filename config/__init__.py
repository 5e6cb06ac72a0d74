"""Configuration: the TOML files in this folder and the one loader that reads them."""

from config.features import EmailSettings
from config.loader import (
    DEFAULT_CONFIG_DIR, PROJECT_DIR, SETTINGS_HELP, Config, ConfigError, Fact, Myth, Settings, Source, config_dir,
    database_url, load_config,
)
from config.responses import (
    RESPONSE_PLACEHOLDERS, RESPONSES_HELP, Account, FaqEntry, Responses, link_problem,
)
from config.watchlist import WatchEntry, Watchlist

__all__ = [
    "DEFAULT_CONFIG_DIR", "PROJECT_DIR", "RESPONSES_HELP", "RESPONSE_PLACEHOLDERS", "SETTINGS_HELP", "Account",
    "Config", "ConfigError", "EmailSettings", "Fact", "FaqEntry", "Myth", "Responses", "Settings", "Source",
    "WatchEntry", "Watchlist", "config_dir", "database_url", "link_problem", "load_config",
]
