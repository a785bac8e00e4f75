"""User text made safe for a label: literal, one line, clipped. Every pane uses these."""

from __future__ import annotations

from textual.content import Content

from briefing_tui.core.visible import visible


def plain(text: str, style: str = "") -> Content:
    """User text as one line of literal Content: no markup, controls made visible."""
    return Content.styled(visible(text, keep_newlines=False), style)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
