"""The user's settings: a small YAML file of keys, theme and codebook, read strictly.

    # ~/.config/briefing_tui/config.yaml
    theme: textual-light
    codebook: ~/codebooks/ocha.yaml     # relative paths are relative to this file
    keymap:                              # binding id: keys (ids: README, Settings)
      next: "j,down,ctrl+n"
      next_untagged: "t"

Unknown binding ids and bad values are refused with a one-line message naming the file.
Here in the core (no Textual) so that ``briefing export`` finds the same codebook; the
app passes the binding ids it knows.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.errors import BriefingError
from briefing_tui.core.safe_yaml import YamlError, load_yaml_file


class ConfigError(BriefingError):
    """The config file cannot be used; ``str()`` is a one-line reason."""


@dataclass
class Settings:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    codebook: Path | None = None
    analyst: str | None = None  # your name on annotations and layers (core.analyst)


def default_config_path() -> Path:
    explicit = os.environ.get("BRIEFING_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "briefing_tui" / "config.yaml"


def load_settings(path: Path | None = None,
                  binding_ids: Collection[str] | None = None) -> Settings:
    """Read settings from ``path`` (or the default place); no file means defaults.

    With ``binding_ids`` the keymap may only name those bindings.
    """
    explicit = path is not None
    path = path or default_config_path()
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: no such file")
        return Settings()
    try:
        data = load_yaml_file(path, max_bytes=1 << 20)
    except YamlError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    unknown = sorted(set(data) - {"keymap", "theme", "codebook", "analyst"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r} (known: keymap, theme, "
                          "codebook, analyst)")
    settings = Settings()
    keymap = data.get("keymap") or {}
    if not isinstance(keymap, dict):
        raise ConfigError(f"{path}: keymap must map binding ids to keys")
    for ident, keys in keymap.items():
        if not isinstance(ident, str) or (binding_ids is not None and ident not in binding_ids):
            known = sorted(binding_ids or ())
            raise ConfigError(f"{path}: no binding with id {ident!r} (known: "
                              f"{', '.join(known)})")
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(f"{path}: keys for {ident!r} must be text like \"j,down\"")
        settings.keymap[ident] = keys.replace(" ", "")
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be a name such as textual-light")
    settings.theme = theme
    analyst = data.get("analyst")
    if analyst is not None:
        from briefing_tui.core.analyst import AnalystError, check_analyst

        try:
            settings.analyst = check_analyst(str(analyst))
        except AnalystError as exc:
            raise ConfigError(f"{path}: analyst: {exc}") from None
    codebook = data.get("codebook")
    if codebook is not None:
        if not isinstance(codebook, str):
            raise ConfigError(f"{path}: codebook must be a file path")
        settings.codebook = Path(os.path.realpath(path.parent / Path(codebook).expanduser()))
    return settings
