"""``briefing suggest PATH...``: ranked tag suggestions for untagged sentences; never writes.

Trained on the tags already in PATH (or in ``--train PATH...``); ``--eval`` prints the
cross-validated figures over the tagged documents instead. Nothing is tagged: the output
says where a tag might go and why, and the analyst decides in the reader.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from briefing_tui.cli_common import (
    EXIT_ATTENTION,
    EXIT_BAD_INPUT,
    EXIT_OK,
    say,
    say_corpus_problems,
)
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import open_document
from briefing_tui.core.suggest import Example, Suggester, examples_from
from briefing_tui.core.suggest.evaluate import cross_validate
from briefing_tui.core.text import DocumentError
from briefing_tui.core.visible import escape_json_text, visible


def _examples(paths: list[Path]) -> tuple[list[Example], int]:
    """Every sentence of every briefing under ``paths``, and how many files were unusable."""
    corpus = find_documents(paths)
    say_corpus_problems(corpus)
    bad = len(corpus.errors) + len(corpus.unreadable)
    found: list[Example] = []
    for path in corpus.documents:
        try:
            document = open_document(path)
        except (DocumentError, OSError) as exc:
            reason = exc.reason if isinstance(exc, DocumentError) else exc.strerror or exc
            say(f"briefing: {path}: unreadable: {reason}")
            bad += 1
            continue
        if document.sidecar_error:  # its tags are unknown: not trained on, not suggested in
            say(f"briefing: {path}: sidecar unreadable, skipped: {document.sidecar_error}")
            bad += 1
            continue
        found.extend(examples_from(document, str(path)))
    return found, bad


def _print_eval(examples: list[Example], codebook: Codebook, tags: list[str] | None,
                as_json: bool) -> int:
    if not any(example.trains for example in examples):
        say("briefing: suggest --eval: no tagged documents to evaluate on")
        return EXIT_BAD_INPUT
    rows = cross_validate(examples, codebook, tags=tags)
    rules = {r.tag: r for r in cross_validate(examples, codebook, tags=[r.tag for r in rows],
                                              mode="rules")}
    if as_json:
        for row in rows:
            print(json.dumps({"tag": row.tag, "labels": row.labels,
                              "precision": round(row.precision, 3),
                              "recall": round(row.recall, 3),
                              "p_at_20": round(row.p_at_20, 3),
                              "average_precision": round(row.average_precision, 3),
                              "rules_p_at_20": round(rules[row.tag].p_at_20, 3),
                              "rules_average_precision": round(
                                  rules[row.tag].average_precision, 3)}))
        return EXIT_OK
    print("tag\tlabels\tprecision\trecall\tP@20\tAP\trules P@20\trules AP")
    for row in rows:
        print(f"{row.tag}\t{row.labels}\t{row.precision:.2f}\t{row.recall:.2f}\t"
              f"{row.p_at_20:.2f}\t{row.average_precision:.2f}\t"
              f"{rules[row.tag].p_at_20:.2f}\t{rules[row.tag].average_precision:.2f}")
    known = sum(1 for example in examples if example.trains)
    print(f"(5-fold cross-validation over the {known} sentences whose tags are known: the "
          "tagged ones and every sentence of a finished document; an unfinished document's "
          "untagged sentences are left out. rules: the codebook's patterns alone, on the "
          "same folds; equal scores count in every order)")
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    from briefing_tui.cli import _codebook

    codebook = _codebook(args.codebook)
    if codebook is None:
        return EXIT_BAD_INPUT
    tags: list[str] | None = args.tag or None
    examples, bad = _examples(args.paths)
    training = _examples(args.train)[0] if args.train else examples
    known = {t.name for t in codebook} | {t for e in training for t in e.tags}
    for tag in tags or ():
        if tag not in known:
            say(f"briefing: suggest: unknown tag {tag!r} (not in the codebook, "
                 "not on any sentence)")
            return EXIT_BAD_INPUT
    if not examples:
        say("briefing: suggest: no sentences found in " + ", ".join(map(str, args.paths)))
        return EXIT_BAD_INPUT
    if args.eval:
        return _print_eval(training, codebook, tags, args.json)
    suggester = Suggester(codebook)
    suggester.train(training)
    found = suggester.suggest(examples, tags=tags, limit=args.limit)
    for item in found:
        if args.json:
            record = {"document": item.document, "sentence": item.sentence,
                      "start": item.start, "end": item.end, "tag": item.tag,
                      "score": item.score, "reason": item.reason, "text": item.text}
            print(escape_json_text(json.dumps(record, ensure_ascii=False)))
        else:
            text = visible(item.text, keep_newlines=False)
            text = text if len(text) <= 90 else text[:89] + "…"
            print(f"{visible(item.document, keep_newlines=False)}\t{item.sentence}\t"
                  f"{item.start}\t{item.end}\t{item.tag}\t{item.score:.2f}\t"
                  f"{visible(item.reason, keep_newlines=False)}\t{text}")
    return EXIT_ATTENTION if bad else EXIT_OK


def _count(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def add_suggest_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    suggest = sub.add_parser(
        "suggest", help="rank suggested tags for untagged sentences (writes nothing)",
        description="Suggest tags for sentences from the codebook's patterns and a model "
                    "trained on the tags already given. Nothing is written or tagged.",
        epilog="Output: document, sentence, start, end, tag, score, reason, text (tab-"
               "separated, best first). Exit status: 0 done; 1 some file could not be read; "
               "2 bad input. Below 20 sentences of a tag, suggestions come from its "
               "patterns only, and the reason says so.")
    suggest.add_argument("paths", nargs="+", type=Path)
    suggest.add_argument("--tag", action="append", metavar="T",
                         help="only this tag (repeat for more)")
    suggest.add_argument("--limit", type=_count, metavar="N", help="at most N suggestions")
    suggest.add_argument("--json", action="store_true", help="JSON lines")
    suggest.add_argument("--train", nargs="+", type=Path, metavar="PATH",
                         help="learn from the tags in these instead of in PATH")
    suggest.add_argument("--eval", action="store_true",
                         help="print cross-validated precision, recall, P@20 and AP per tag")
    suggest.add_argument("--codebook", type=Path, help="a YAML codebook of your own tags")
    suggest.set_defaults(func=cmd_suggest)
