"""Every key of the app, in one place: the footer, help screen, palette and README come from here.

Each binding has an id (a user keymap remaps it), a short description (the footer and the
palette title) and a tooltip (the help screen and the palette's explanation). Tag keys are
made from the codebook, so a tag ``{name: health, key: h}`` is bound to ``h``. Bindings
other modules add with an id and a tooltip show up in help and the palette by themselves;
:data:`SECTIONS` only says under which heading (``More`` when it does not know).

The actions live on the app (``app.``) and act on the focused reader; the reader bindings
live on the reader so that they win over the scrolling keys ``ScrollView`` binds itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingsMap, BindingType
from textual.keys import _character_to_key, format_key

from briefing_tui.core.codebook import Codebook


def _key(keys: str, action: str, description: str, tooltip: str, ident: str, *,
         show: bool = False, priority: bool = False) -> Binding:
    return Binding(keys, action, description, show=show, priority=priority, tooltip=tooltip,
                   id=ident)


APP_BINDINGS: list[BindingType] = [
    _key("e", "summary", "Summary", "every briefing's tagged sentences, by tag; "
         "w there writes md, html, json, csv, JSON-LD or docx", "summary", show=True),
    _key("T", "timeline", "Timeline", "every briefing's tagged sentences by the date they "
         "say (else their document's); enter jumps", "timeline"),
    _key("K", "concordance", "Concordance", "every briefing's sentences with a word or "
         "phrase, in context and cited; enter jumps", "concordance"),
    _key("s", "split", "Split", "a second document side by side (chosen from a list); "
         "s again closes it", "split", show=True),
    _key("o", "choose_document", "Open", "choose a document from a list (any width)",
         "choose_document"),
    _key("ctrl+n", "other_document(1)", "Next document", "open the next document of the list",
         "next_document"),
    _key("ctrl+b", "other_document(-1)", "Previous document",
         "open the previous document of the list", "previous_document"),
    _key("ctrl+f", "search_all", "Search all", "search every open document; enter jumps",
         "search_all"),
    _key("S", "suggestion_queue", "Suggestions", "every open document's suggested tags, one "
         "at a time: a accepts, d rejects, space skips, o orders", "suggestion_queue"),
    _key("question_mark", "help", "Help", "this help", "help", show=True),
    _key("F", "finish_layer", "Finish layer", "coding in your own layer (--layer): mark it "
         "finished, or in progress again", "finish_layer"),
    _key("A", "adjudicate", "Adjudicate", "two analysts' finished layers side by side, "
         "merged into the shared sidecar", "adjudicate"),
    _key("q", "quit", "Quit", "save everything and quit", "quit", show=True),
    _key("ctrl+c", "quit", "Quit", "save everything and quit", "interrupt", priority=True),
]

READER_BINDINGS: list[BindingType] = [
    _key("j,down", "app.cursor(1)", "Next", "next sentence", "next"),
    _key("k,up", "app.cursor(-1)", "Previous", "previous sentence", "previous"),
    _key("pagedown", "app.page(1)", "Page down", "next page", "page_down"),
    _key("pageup", "app.page(-1)", "Page up", "previous page", "page_up"),
    _key("home", "app.first", "First", "first sentence", "first"),
    _key("end", "app.last", "Last", "last sentence", "last"),
    _key("n", "app.note", "Note", "add or edit the sentence's note (ctrl+e there: $EDITOR)",
         "note", show=True),
    _key("x", "app.clear", "Clear", "clear the sentence's tags and note", "clear"),
    _key("a", "app.accept", "Accept",
         "accept a tag marked ? (re-anchored), else the suggested tag (dim ?)",
         "accept_review"),
    _key("d", "app.reject_suggestion", "Reject", "reject the suggested tag (never "
         "suggested on this sentence again)", "reject_suggestion"),
    _key("g", "app.next_suggestion", "Next suggestion", "next sentence with a suggested tag",
         "next_suggestion"),
    _key("H", "app.toggle_suggestions", "Suggestions", "hide or show suggested tags",
         "toggle_suggestions"),
    _key("u", "app.undo", "Undo", "undo the last change", "undo", show=True),
    _key("ctrl+r", "app.redo", "Redo", "redo the last undone change", "redo"),
    _key("slash", "app.search", "Search", "search this document (escape clears)", "search",
         show=True),
    _key("full_stop", "app.match(1)", "Next match", "next search match", "next_match"),
    _key("comma", "app.match(-1)", "Previous match", "previous search match",
         "previous_match"),
    _key("right_square_bracket", "app.tagged(1)", "Next tagged", "next tagged sentence",
         "next_tagged"),
    _key("left_square_bracket", "app.tagged(-1)", "Previous tagged",
         "previous tagged sentence", "previous_tagged"),
    _key("space", "app.untagged", "Next untagged", "next untagged sentence (triage)",
         "next_untagged"),
    _key("f", "app.filter", "Filter", "show only one tag (cycles through the codebook, then all)",
         "filter", show=True),
    _key("P", "app.filter_about", "Place filter", "show only the sentences naming one place "
         "or actor (chosen from those the document names)", "filter_about"),
    _key("J", "app.join_sentence", "Join", "join the sentence with the next (a wrong split); "
         "tags and notes are combined", "join_sentence"),
    _key("B", "app.break_sentence", "Break", "break the sentence in two: choose where with "
         "left/right, enter splits", "break_sentence"),
    _key("M", "app.metadata", "Metadata", "the document's title, date, source and author "
         "(used in citations)", "metadata"),
]

# The summary screen's own commands. They win over the codebook's tag keys there (a tag
# bound to c filters with f instead): a screen command must never depend on which keys a
# codebook happens to use. The reader refuses a codebook key that clashes with its keys
# (clashes), so only keys free in the reader (c, w, 0, b) can meet a tag here.
SUMMARY_BINDINGS: list[BindingType] = [
    _key("escape,e", "close", "Back", "back to the reader", "summary_close", show=True),
    _key("w", "write", "Write to file", "write the summary as md, html, json, csv, JSON-LD "
         "or docx", "summary_write", show=True),
    _key("n", "notes", "Notes on/off", "show or hide the analysts' notes", "summary_notes"),
    _key("f", "next_tag", "Tag filter", "show one tag (cycles through the codebook, then "
         "all); a tag's own key shows it too", "summary_tag_filter", show=True),
    _key("0", "only('')", "All tags", "show every tag again", "summary_all"),
    _key("c", "confirm", "Confirm figure", "confirm the highlighted key figure (or take it "
         "back) in brief.yaml", "summary_confirm", show=True),
    _key("C", "context", "Context", "show each quote with the sentence before and after it "
         "(C again: two, then none)", "summary_context"),
    _key("P", "about", "Place filter", "show only the sentences naming one place or actor",
         "summary_about"),
    _key("b", "brief", "Edit brief", "write the brief's title, period, bottom line, key "
         "judgments, outlook and trends (brief.yaml)", "summary_brief", show=True),
]

# The suggestion queue's keys (S).
QUEUE_BINDINGS: list[BindingType] = [
    Binding("escape,S", "close", "Back", id="queue_close", tooltip="back to the reader"),
    Binding("a", "decide(True)", "Accept", id="queue_accept",
            tooltip="tag the sentence with the suggested tag"),
    Binding("d", "decide(False)", "Reject", id="queue_reject",
            tooltip="never suggest this tag on this sentence again"),
    Binding("space", "skip", "Skip", id="queue_skip", tooltip="leave it for later"),
    Binding("o", "order", "Order", id="queue_order",
            tooltip="most confident first, or uncertain first"),
]

# The adjudication screen's keys (A).
ADJUDICATE_BINDINGS: list[BindingType] = [
    Binding("a", "choose('a')", "Take A", id="adjudicate_a",
            tooltip="keep the first analyst's tags for this sentence"),
    Binding("b", "choose('b')", "Take B", id="adjudicate_b",
            tooltip="keep the second analyst's tags for this sentence"),
    Binding("m", "choose('union')", "Union", id="adjudicate_union",
            tooltip="keep both analysts' tags"),
    Binding("x", "choose('neither')", "Neither", id="adjudicate_neither",
            tooltip="keep neither analyst's tags"),
    Binding("n", "next", "Next disagreement", id="adjudicate_next",
            tooltip="the next sentence the two analysts disagree on"),
    Binding("u", "undo", "Undo", id="adjudicate_undo", tooltip="undo the last choice"),
    Binding("escape,A", "close", "Back", id="adjudicate_close", tooltip="back to the reader"),
]


SECTIONS: dict[str, str] = {
    **dict.fromkeys(["next", "previous", "page_down", "page_up", "first", "last", "next_tagged",
                     "previous_tagged", "next_untagged"], "Moving"),
    **dict.fromkeys(["note", "clear", "accept_review", "undo", "redo"], "Tagging"),
    **dict.fromkeys(["reject_suggestion", "next_suggestion", "toggle_suggestions",
                     "suggestion_queue"], "Suggestions"),
    **dict.fromkeys(["search", "next_match", "previous_match", "filter", "filter_about",
                     "search_all", "concordance"],
                    "Finding"),
    **dict.fromkeys(["join_sentence", "break_sentence", "metadata"], "Fixing"),
    **dict.fromkeys(["summary", "timeline", "split", "choose_document", "next_document",
                     "previous_document", "help", "quit"], "Documents and panes"),
    **dict.fromkeys(["finish_layer", "adjudicate"], "Team work"),
}
# Each screen's own keys, by the prefix of their ids (summary_write, queue_accept, ...).
SCREEN_SECTIONS: dict[str, str] = {"summary_": "Summary screen (e)",
                                   "queue_": "Suggestion queue (S)",
                                   "adjudicate_": "Adjudication (A)"}
SECTION_ORDER = ("Moving", "Tagging", "Suggestions", "Finding", "Fixing",
                 "Documents and panes", "Team work", "More", *SCREEN_SECTIONS.values())
HIDDEN = {"interrupt"}  # the same action as another binding: listed once


def tag_id(name: str) -> str:
    return f"tag_{name}"


def tag_bindings(codebook: Codebook) -> list[Binding]:
    """One binding per codebook tag that has a key: ``h`` toggles ``health``."""
    return [_key(_character_to_key(tag.key), f"app.toggle_tag('{tag.name}')",
                 f"Tag {tag.name}", f"toggle {tag.name} on the current sentence",
                 tag_id(tag.name)) for tag in codebook if tag.key]


def summary_tag_bindings(codebook: Codebook) -> list[Binding]:
    """A tag's key shows only that tag in the summary, unless a summary command has it."""
    taken = {k for b in SUMMARY_BINDINGS if isinstance(b, Binding)
             for k in keys_of(b, {})}
    return [Binding(b.key, f"only('{b.id}')", f"Only {b.id}", show=False)
            for b in tag_bindings(codebook) if b.id and b.key not in taken]


def all_bindings(codebook: Codebook, extra: Iterable[BindingType] = ()) -> list[Binding]:
    """The app's and the reader's bindings and the codebook's tag keys, in help order."""
    found = [b for b in [*READER_BINDINGS, *tag_bindings(codebook), *APP_BINDINGS, *extra]
             if isinstance(b, Binding)]
    return found


def bindings_of(maps: Iterable[BindingsMap]) -> list[Binding]:
    """Live bindings (one per key) joined back into one per id, in the maps' order."""
    joined: dict[str, Binding] = {}
    for bindings in maps:
        for _, binding in bindings:
            if not binding.id:
                continue
            known = joined.get(binding.id)
            if known is None:
                joined[binding.id] = binding
            elif binding.key not in known.key.split(","):
                joined[binding.id] = known.with_key(f"{known.key},{binding.key}")
    return list(joined.values())


def binding_ids(codebook: Codebook | None = None) -> set[str]:
    """Every id a user keymap may name."""
    return {b.id for b in all_bindings(codebook or Codebook()) if b.id}


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that run ``binding`` once ``keymap`` is applied."""
    keys = keymap.get(binding.id or "") or binding.key
    return [_character_to_key(k.strip()) if len(k.strip()) == 1 else k.strip()
            for k in keys.split(",") if k.strip()]


def clashes(codebook: Codebook, keymap: Mapping[str, str]) -> list[str]:
    """Why the keys cannot be used: one line per key bound to two different bindings."""
    owners: dict[str, list[Binding]] = {}
    for binding in all_bindings(codebook):
        for key in keys_of(binding, keymap):
            owners.setdefault(key, []).append(binding)
    problems = []
    for key, bound in owners.items():
        ids = list(dict.fromkeys(b.id or b.action for b in bound))
        if len(ids) > 1:
            problems.append(f"key {format_key(key)!r} is bound to both {_who(ids[0], keymap)} "
                            f"and {_who(ids[1], keymap)}")
    return problems


def _who(ident: str, keymap: Mapping[str, str]) -> str:
    if ident.startswith("tag_"):
        where = "keymap" if ident in keymap else "codebook"
        return f"{ident} ({where}: tag {ident.removeprefix('tag_')})"
    return f"{ident} (keymap)" if ident in keymap else ident


def key_label(keys: Iterable[str]) -> str:
    """How keys are written for people: ``j / down``, ``?``, ``ctrl+r``."""
    return " / ".join(format_key(k) for k in keys)


def screen_bindings() -> list[Binding]:
    """The summary's, the queue's and the adjudication screen's own keys, for help."""
    return [b for b in (*SUMMARY_BINDINGS, *QUEUE_BINDINGS, *ADJUDICATE_BINDINGS)
            if isinstance(b, Binding)]


def _section(ident: str) -> str:
    if ident.startswith("tag_"):
        return "Tagging"
    screen = next((name for prefix, name in SCREEN_SECTIONS.items()
                   if ident.startswith(prefix)), None)
    return screen or SECTIONS.get(ident, "More")


def help_rows(bindings: Iterable[Binding], keymap: Mapping[str, str]
              ) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, what it does)]) for the help screen: the reader's and app's
    ``bindings``, then each screen's own keys under its own heading."""
    sections: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for binding in [*bindings, *screen_bindings()]:
        ident = binding.id or ""
        if not ident or ident in seen or ident in HIDDEN:
            continue
        seen.add(ident)
        section = _section(ident)
        text = binding.tooltip or binding.description
        sections.setdefault(section, []).append((key_label(keys_of(binding, keymap)), text))
    ordered = [*SECTION_ORDER, *sorted(set(sections) - set(SECTION_ORDER))]
    return [(name, sections[name]) for name in ordered if name in sections]


def _readme_key(key: str) -> str:
    """Keys as a keymap names them (``down``), symbols as typed (``?``)."""
    shown = format_key(key)
    return shown if len(shown) == 1 and shown.isascii() else key


def markdown_table(codebook: Codebook | None = None) -> str:
    """The README's key table, made from the default bindings and codebook."""
    lines = ["| key | what it does | binding id |", "|---|---|---|"]
    seen: set[str] = set()
    for binding in all_bindings(codebook or Codebook()):
        ident = binding.id or ""
        if not ident or ident in seen or ident in HIDDEN:
            continue
        seen.add(ident)
        keys = " ".join(f"`{_readme_key(k)}`" for k in keys_of(binding, {}))
        lines.append(f"| {keys} | {binding.tooltip or binding.description} | `{ident}` |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m briefing_tui.tui.keys: print the README's table
    print(markdown_table(), end="")
