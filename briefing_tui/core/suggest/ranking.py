"""Score (sentence, tag) pairs from the codebook rules and the learner, and rank them.

The rules are the prior; the model trained on the analyst's tags takes a share of the
score that grows with the tag's labels, at most ``n / (n + PRIOR_LABELS)`` (half at 20
labels, 0.96 at 500): a few labels move the ranking a little, many move it most, and no
fixed cut-off throws the first labels away. Within that, each tag's share is chosen at
every retrain on held-out folds of the labels (:mod:`.blend`): down to the rules alone
when the model ranks the analyst's own labels no better. A tag's model needs
:data:`MIN_WITH_RULES` labelled sentences with it and as many known without it; a tag
with no rules has no prior, so its model alone needs :data:`MIN_LABELS`. Short of that,
the suggestions come from the rules alone and the reason says so. A modelled tag's
score is then calibrated (:mod:`.calibration`, fitted on the same :data:`FOLDS`
held-out folds) so that the threshold means "right more often than not". Measured in
benchmarks/bench_suggest.py and benchmarks/bench_suggest_protocol.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.suggest.blend import choose_share
from briefing_tui.core.suggest.calibration import Platt, platt
from briefing_tui.core.suggest.examples import Example
from briefing_tui.core.suggest.features import features
from briefing_tui.core.suggest.gate import Gate
from briefing_tui.core.suggest.learners import LEARNERS, Joint, Learner, NaiveBayes, sigmoid
from briefing_tui.core.suggest.rules import Hits, RuleScan, rule_score

MIN_LABELS = 20  # labels a tag's model needs to suggest on its own (no rules)
MIN_WITH_RULES = 5  # labels (and known negatives) a model needs to join the rules
PRIOR_LABELS = 20  # the labels at which model and rules weigh the same
THRESHOLD = 0.5  # a pair is suggested from this score on
MAX_PLAIN = 20_000  # untagged known sentences a retrain learns from (an even sample)
FOLDS = 3  # held-out folds the calibration is fitted on (each costs a model fit)


@dataclass(frozen=True)
class Suggestion:
    document: str
    sentence: int
    start: int
    end: int
    tag: str
    score: float
    reason: str
    text: str


def _quoted(items: Sequence[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


class Suggester:
    """Rules for every codebook tag with patterns, a model for each tag with labels.

    ``mode`` is "both" (the default), "rules" or "model" (for the benchmark and --eval).
    """

    def __init__(self, codebook: Codebook, *, learner: str = "nb", mode: str = "both",
                 min_labels: int = MIN_LABELS, min_with_rules: int = MIN_WITH_RULES,
                 prior_labels: int = PRIOR_LABELS, calibrate: bool = True,
                 max_plain: int = MAX_PLAIN, choose: bool = True) -> None:
        self.codebook, self.learner, self.mode = codebook, learner, mode
        self.min_labels, self.min_with_rules = min_labels, min_with_rules
        self.prior_labels, self.calibrate = prior_labels, calibrate
        self.calibrations: dict[str, Platt] = {}  # tag -> its scores' calibration
        self.choose = choose  # the model's share chosen on held-out labels (.blend)
        self.shares: dict[str, float] = {}  # tag -> the model's chosen share
        self.max_plain = max_plain
        self._plain_weight = 1.0  # untagged sentences each sampled one stands for
        self.models: dict[str, Learner] = {}
        self.labels: dict[str, int] = {}  # sentences with the tag
        self.negatives: dict[str, int] = {}  # sentences known to be without it
        self._joint: Joint | None = None  # built on first use, after training
        self.rules = RuleScan.of(codebook)
        self._ruleless = {t.name for t in codebook if not t.patterns}  # the model alone

    @property
    def tags(self) -> list[str]:
        """The codebook's tags, then any other tag the training saw."""
        return self.codebook.order([t.name for t in self.codebook] + list(self.labels))

    def needs(self, tag: str) -> int:
        """The labels (and known negatives) ``tag``'s model needs before it is used:
        fewer when rules back it ("model" mode is the model judged on its own, for the
        benchmark and --eval: it starts where the combination does)."""
        return self.min_labels if tag in self._ruleless or self.codebook.get(tag) is None \
            else self.min_with_rules

    def weight(self, tag: str) -> float:
        """The model's share of ``tag``'s score next to the rules (:meth:`_mix`)."""
        return self.share(tag)

    def train(self, examples: Iterable[Example]) -> int:
        """Fit one model per tag; the number of sentences it learnt from.

        A sentence teaches every tag when its labels are known (``Example.trains``: it
        is tagged, or its document is finished); one with only ``dismissed`` tags is a
        known negative of those tags alone."""
        known: list[tuple[str, frozenset[str]]] = []  # (text, tags) of each that trains
        plain = 0  # of them without any tag (a finished document's untagged sentences)
        refused: dict[str, list[set[str]]] = {}  # tag -> rows it was dismissed on
        refused_texts: dict[str, list[str]] = {}
        for example in examples:
            if example.trains:
                known.append((example.text, example.tags))
                plain += not example.tags
            elif example.dismissed:
                row = features(example.text)
                for tag in example.dismissed:
                    refused.setdefault(tag, []).append(row)
                    refused_texts.setdefault(tag, []).append(example.text)
        # a finished 10 MB briefing is ~136k untagged sentences: their feature sets
        # took ~340 MB and a retrain 14 s; an even sample of MAX_PLAIN of them estimates
        # the same word frequencies (the calibration weighs each by the share left out;
        # ``retrain_memory`` in benchmarks/bench_suggest.py measures it)
        step = plain / self.max_plain if plain > self.max_plain else 1.0
        self._plain_weight = step
        texts: list[str] = []
        tagsets: list[frozenset[str]] = []
        seen_plain = 0  # keeps the sentence where int(seen / step) moves on: even spacing
        for text, tags in known:
            if not tags:
                seen_plain += 1
                if step > 1.0 and int(seen_plain / step) == int((seen_plain - 1) / step):
                    continue  # left out of the even sample
            texts.append(text)
            tagsets.append(tags)
        del known
        rows = [features(text) for text in texts]
        self.models, self.labels, self.negatives = self._fit(rows, tagsets, refused)
        left_out = plain - sum(1 for tags in tagsets if not tags)  # not in the sample
        for tag in self.negatives:
            self.negatives[tag] += left_out
        self.calibrations, self.shares = {}, {}
        self._joint = None
        learnt = len(rows) + left_out + len({id(r) for found in refused.values()
                                             for r in found})
        if self.models and (self.calibrate or self.choose):
            self._calibrate(texts, rows, tagsets, refused, refused_texts)
        return learnt

    def _calibrate(self, texts: Sequence[str], rows: Sequence[set[str]],
                   tagsets: Sequence[frozenset[str]], refused: dict[str, list[set[str]]],
                   refused_texts: dict[str, list[str]]) -> None:
        """Fit each modelled tag's :class:`Platt` on scores of sentences held out of
        training: :data:`FOLDS` models, each trained without one fold and scoring it,
        as the final model would score a sentence it has not seen."""
        hits = [self.all_hits(text) for text in texts]
        said_no = {tag: [self.all_hits(text) for text in found]
                   for tag, found in refused_texts.items() if tag in self.models}
        # tag -> (model score, rules score, truth, the fold model's labels, weight,
        # whether it answers a suggestion: a dismissal)
        held: dict[str, list[tuple[float, float, bool, int, float, bool]]] = {
            t: [] for t in self.models}
        plain = self._plain_weight  # an untagged sentence of the sample stands for more
        for fold in range(FOLDS):
            kept = [i for i in range(len(rows)) if i % FOLDS != fold]
            models, labels, _ = self._fit(
                [rows[i] for i in kept], [tagsets[i] for i in kept],
                {t: [r for j, r in enumerate(found) if j % FOLDS != fold]
                 for t, found in refused.items()})
            for tag, model in models.items():
                if tag not in held:
                    continue
                found, count = held[tag], labels.get(tag, 0)
                for i in range(fold, len(rows), FOLDS):
                    on = hits[i].get(tag)
                    found.append((model.score(rows[i]), rule_score(len(on)) if on else 0.0,
                                  tag in tagsets[i], count, 1.0 if tagsets[i] else plain,
                                  False))
                for j in range(fold, len(refused.get(tag, ())), FOLDS):
                    on = said_no[tag][j].get(tag)
                    found.append((model.score(refused[tag][j]),
                                  rule_score(len(on)) if on else 0.0, False, count, 1.0,
                                  True))
        self.calibrations = {}
        for tag, found in held.items():
            if not found:
                continue
            model = self.models[tag]
            truths = [truth for _, _, truth, *_ in found]
            weights = [w for *_, w, _ in found]
            if self.choose and self.mode != "model" and tag not in self._ruleless:
                # dismissals answer a suggestion: labels the rules and the model picked,
                # not a sample of the text, so they are left out of the choice
                sample = [f for f in found if not f[5]]
                labelled = self.labels.get(tag, 0)
                self.shares[tag] = choose_share(
                    [v for v, *_ in sample], [r for _, r, *_ in sample],
                    [t for _, _, t, *_ in sample], [f[4] for f in sample],
                    labelled / (labelled + self.prior_labels))
            if not self.calibrate:
                continue
            mixed = [self._mix(tag, value, rules, count) for value, rules, _, count, *_
                     in found]
            self.calibrations[tag] = platt(mixed, truths, weights=weights, anchor=self._mix(
                tag, sigmoid(model.bias), 0.0, self.labels.get(tag, 0)))

    def _fit(self, rows: Sequence[set[str]], tagsets: Sequence[frozenset[str]],
             refused: dict[str, list[set[str]]]
             ) -> tuple[dict[str, Learner], dict[str, int], dict[str, int]]:
        """One model per tag with enough labels, each tag's labels and known negatives."""
        labels: dict[str, int] = {}
        for tags in tagsets:
            for tag in tags:
                labels[tag] = labels.get(tag, 0) + 1
        negatives = {tag: len(rows) - labels.get(tag, 0) + len(refused.get(tag, ()))
                     for tag in {*labels, *refused}}
        models: dict[str, Learner] = {}
        if self.mode == "rules":
            return models, labels, negatives
        totals: Counter[str] = Counter()
        absent = None
        if self.learner == "nb":  # counted once for every tag
            for row in rows:
                totals.update(row)
            absent = NaiveBayes().absent(totals)
        for tag, count in labels.items():
            if min(count, negatives[tag]) < self.needs(tag):
                continue
            more = refused.get(tag, [])
            tag_rows = [*rows, *more] if more else rows
            truths = [tag in tags for tags in tagsets] + [False] * len(more)
            model: Learner = LEARNERS[self.learner]()
            if isinstance(model, NaiveBayes):
                if more:
                    counted = totals.copy()
                    for row in more:
                        counted.update(row)
                    model.fit(tag_rows, truths, counted)
                else:
                    model.fit(tag_rows, truths, totals, absent)
            else:
                model.fit(tag_rows, truths)
            models[tag] = model
        return models, labels, negatives

    def hits(self, text: str, tag: str) -> list[str]:
        """The tag's rules that match the sentence (none in "model" mode)."""
        return self.all_hits(text).get(tag, [])

    def all_hits(self, text: str) -> Hits:
        """Every tag's rules that match the sentence, in one scan (none in "model" mode)."""
        return self.rules.hits(text) if self.mode != "model" else {}

    def score(self, text: str, tag: str, row: set[str] | None = None, *,
              explain: bool = True, hits: list[str] | None = None,
              threshold: float = 0.0, learnt: float | None = None) -> tuple[float, str]:
        """The score of ``tag`` for a sentence, and the one-line reason for it (without
        ``explain``, or below ``threshold``, "": the model's top words cost a sort).
        ``hits`` (from :meth:`hits`) and ``learnt`` (from :meth:`model_scores`) save
        matching the rules and scoring the model again."""
        if hits is None:
            hits = self.hits(text, tag)
        rules = rule_score(len(hits))
        model = self.models.get(tag)
        count = self.labels.get(tag, 0)
        if model is None:
            if self.mode == "model" or not hits:
                return 0.0, ""
            if not explain or rules < threshold:
                return rules, ""
            needed, negatives = self.needs(tag), self.negatives.get(tag, 0)
            short = f"{count} of {needed} labels" if count < needed else \
                f"{count} labels, {negatives} of {needed} known without it: finish a " \
                "document or reject some"
            return rules, f"rules only ({short}): matched " + _quoted(hits[:4])
        row = features(text) if row is None else row
        if learnt is None:
            learnt = model.score(row)
        value = self.blend(tag, learnt, rules)
        alone = self.mode == "model" or tag in self._ruleless
        share = 1.0 if alone else self.weight(tag)
        if not explain or value < threshold:
            return value, ""
        if share == 0.0:  # the model lost to the rules on the analyst's labels
            return value, (f"rules (the model, {count} labels, ranked them no better): "
                           "matched " + _quoted(hits[:4])) if hits else ""
        top = model.top(row)
        why = (f"model ({count} labels)" if alone else
               f"model {share:.0%} ({count} labels)") + (f": {_quoted(top)}" if top else "")
        if hits and not alone:
            why += f"; rules {1 - share:.0%}: {_quoted(hits[:3])}"
        return value, why

    def blend(self, tag: str, learnt: float | None, rules: float) -> float:
        """The score from the model's (None: no model) and the rules', calibrated --
        :meth:`score` without a reason, for scoring every sentence of a document."""
        if learnt is None:
            return 0.0 if self.mode == "model" else rules
        mixed = self._mix(tag, learnt, rules, self.labels.get(tag, 0))
        found = self.calibrations.get(tag)
        return mixed if found is None else found(mixed)

    def _mix(self, tag: str, learnt: float, rules: float, count: int) -> float:
        """The model's score and the rules' in the model's share for ``count`` labels."""
        share = self.share(tag, count)
        return learnt if share == 1.0 else share * learnt + (1 - share) * rules

    def share(self, tag: str, count: int | None = None) -> float:
        """The model's share of ``tag``'s score (1 when it has no rules beside it): the
        one chosen on held-out labels (:mod:`.blend`), else ``count / (count + 20)``."""
        if self.mode == "model" or tag in self._ruleless:
            return 1.0
        chosen = self.shares.get(tag)
        if chosen is not None:
            return chosen
        count = self.labels.get(tag, 0) if count is None else count
        return count / (count + self.prior_labels)

    def joint(self) -> Joint | None:
        """Every trained tag's model in one table (None without any)."""
        if self._joint is None and self.models:
            self._joint = Joint(self.models)
        return self._joint

    def model_scores(self, row: set[str]) -> dict[str, float]:
        """Every trained tag's model score for a sentence, in one pass over its features."""
        joint = self.joint()
        return joint.scores(row) if joint is not None else {}

    def suggest(self, examples: Iterable[Example], *, tags: Sequence[str] | None = None,
                threshold: float = THRESHOLD, limit: int | None = None) -> list[Suggestion]:
        """Suggestions for sentences that lack the tag and never had it dismissed, best
        first (then in document order, so equal scores keep a stable order); the first
        ``limit`` only. Reasons are worked out for those returned, not for every pair."""
        wanted = list(tags) if tags else self.tags
        found: list[tuple[float, Example, str, float | None, list[str], set[str] | None]] = []
        gate = Gate(self, wanted, threshold)
        joint = gate.joint
        for example in examples:
            matched = self.all_hits(example.text)
            row: set[str] | None = None
            learnt: dict[str, float] = {}
            if joint is not None:
                row = features(example.text)
                sums = joint.sums(row)
                if not gate.may(sums, matched):
                    continue
                learnt = joint.scores((), sums)
            elif not gate.may((), matched):
                continue
            for tag in wanted:
                if tag in example.tags or tag in example.dismissed:
                    continue
                hits = matched.get(tag, [])
                value, _ = self.score(example.text, tag, row, explain=False, hits=hits,
                                      learnt=learnt.get(tag))
                if value >= threshold:
                    found.append((round(value, 4), example, tag, learnt.get(tag), hits, row))
        found.sort(key=lambda f: -f[0])
        return [Suggestion(e.document, e.number, e.start, e.end, tag, value,
                           self.score(e.text, tag, row, hits=hits, learnt=model)[1], e.text)
                for value, e, tag, model, hits, row in found[:limit]]
