"""Generators of test documents, shared by ``tests/`` and ``benchmarks/`` (never shipped).

Each module builds files with known content so a test or a benchmark can check what was
read against the truth: ``generate`` (news-like briefings), ``wrapgen`` (hard-wrapped
text), ``pdfgen`` and ``pdflookalike`` (PDFs written byte by byte, no reportlab),
``docxgen`` (Word files), ``web_*`` (look-alike web pages with hand-written gold text).
Kept out of ``benchmarks/`` so the tests do not depend on the benchmark suite.
"""
