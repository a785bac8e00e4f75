"""``briefing meta PATH``: show or set a document's title, date, source and author.

What is set goes into the sidecar's ``document:`` mapping (the same rules as the app's
saves: atomic, never over a sidecar that is unreadable or changed meanwhile); what the
file says is shown beside it. ``--reset FIELD`` forgets the analyst's value so the
file's shows again; ``--title ""`` hides a wrong one.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from briefing_tui.cli_common import EXIT_BAD_INPUT, EXIT_OK, say
from briefing_tui.core.document import open_document
from briefing_tui.core.metadata import FIELDS, clean, date_problem
from briefing_tui.core.sidecar import SidecarError
from briefing_tui.core.text import DocumentError
from briefing_tui.core.visible import escape_json_text, visible


def cmd_meta(args: argparse.Namespace) -> int:
    wanted = {name: getattr(args, name) for name in FIELDS if getattr(args, name) is not None}
    wanted = {name: clean(value) for name, value in wanted.items()}
    if wanted.get("date") and (reason := date_problem(wanted["date"])):
        say(f"briefing: {reason}")
        return EXIT_BAD_INPUT
    try:
        document = open_document(args.path)
    except DocumentError as exc:
        say(f"briefing: {exc}")
        return EXIT_BAD_INPUT
    if wanted or args.reset:
        if document.read_only_reason:
            say(f"briefing: {document.name}: cannot set metadata: "
                 f"{document.read_only_reason}")
            return EXIT_BAD_INPUT
        values: dict[str, str | None] = {name: None for name in args.reset or ()}
        values.update(wanted)
        document.set_metadata(document.user_metadata.set(**values))
        try:
            document.save()
        except SidecarError as exc:
            say(f"briefing: {exc}")
            return EXIT_BAD_INPUT
    shown, mine, found = document.metadata, document.user_metadata, document.file_metadata
    if args.json:
        record: dict[str, Any] = {"document": document.name,
                                  **{name: getattr(shown, name) or "" for name in FIELDS},
                                  "title_or_file": document.title,
                                  "set": {k: v for k, v in zip(FIELDS, mine.values(),
                                                               strict=True) if v is not None},
                                  "file": dict(found.items())}
        print(escape_json_text(json.dumps(record, ensure_ascii=False)))
        return EXIT_OK
    for name in FIELDS:
        value = getattr(shown, name)
        origin = "set" if getattr(mine, name) is not None else "from the file"
        text = visible(value, keep_newlines=False) if value else "—"
        if name == "title" and not value:
            text, origin = visible(document.name, keep_newlines=False), "the file name"
        print(f"{name}:\t{text}" + (f"\t({origin})" if value or name == "title" else ""))
    return EXIT_OK


def add_meta_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    meta = sub.add_parser(
        "meta", help="show or set a document's title, date, source and author",
        description="Show a document's metadata (what the file says, and what was set); "
                    "with options, set it in the sidecar. An empty value hides the file's.")
    meta.add_argument("path")
    meta.add_argument("--title", help="the document's title")
    meta.add_argument("--date", help="its date: YYYY-MM-DD (or YYYY-MM, YYYY)")
    meta.add_argument("--source", help="where it comes from: a URL or an agency")
    meta.add_argument("--author", help="its author or speaker")
    meta.add_argument("--reset", action="append", choices=FIELDS, metavar="FIELD",
                      help="forget the value set for FIELD (repeatable): the file's shows")
    meta.add_argument("--json", action="store_true", help="one JSON object")
    meta.set_defaults(func=cmd_meta)
