"""Suggested tags: codebook rules plus a small model trained on the analyst's own tags.

Nothing here tags anything: it ranks (sentence, tag) pairs with a score and a reason, and
the analyst decides. Pure Python, no Textual, nothing downloaded. See :mod:`.ranking`.
"""

from briefing_tui.core.suggest.examples import Example, examples_from
from briefing_tui.core.suggest.ranking import MIN_LABELS, MIN_WITH_RULES, Suggester, Suggestion

__all__ = ["MIN_LABELS", "MIN_WITH_RULES", "Example", "Suggester", "Suggestion",
           "examples_from"]
