"""How the reader looks: its frame and the component classes its rows are drawn with.

The reader's own stylesheet (its ``DEFAULT_CSS``), so the widget looks right in any app;
an app's CSS may still override it. Colours come from the theme, so light themes work.
``render_line`` reads the components once per theme (``Reader._style``).
"""

from rich.style import Style
from textual.color import Color

COMPONENT_CLASSES = {"reader--cursor", "reader--pointer", "reader--match",
                     "reader--review", "reader--empty"}

READER_CSS = """
Reader {
    width: 1fr;
    height: 1fr;
    border: round $panel-lighten-2;
    border-title-color: $text;
    overflow-y: scroll;
    overflow-x: hidden;
    scrollbar-size-vertical: 1;
}

Reader:focus {
    border: round $accent;
}

Reader > .reader--cursor {
    background: $foreground 22%;
    text-style: bold;
}

Reader > .reader--pointer {
    color: $accent;
    text-style: bold;
}

Reader > .reader--match {
    background: $warning 60%;
    color: $text;
}

Reader > .reader--review {
    color: $warning;
    text-style: bold;
}

Reader > .reader--empty {
    color: $text-muted;
    text-style: italic;
}
"""


def tag_styles(base: Color, colour: str) -> tuple[Style, Style]:
    """(text style, gutter style) of a tag on ``base``: a tint of it, a solid mark."""
    mark = Color.parse(colour)
    tint = base.blend(mark, 0.28 if base.brightness < 0.5 else 0.22)
    return Style(bgcolor=tint.rich_color), Style(color=mark.rich_color)
