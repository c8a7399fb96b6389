"""The claim extractor: every figure in a text, with its range, qualifier, unit, subject, time,
speaker and claim-worthiness.

    >>> from claims.extraction import extract
    >>> [q.text for q in extract("Officials said more than 10,000 soldiers were there.")]
    ['more than 10,000 soldiers']

Pure Python, no Django import, deterministic. ``extract(text) -> list[ExtractedQuantity]``
(sorted by start offset); ``python -m claims.extraction FILE|-`` and ``--batch`` print JSON lines.

Libraries chosen, and why
-------------------------
* **Rule-based core, standard library only** (``re``, ``decimal``). The figures news uses are a
  closed, well-described set of patterns; a deterministic token parser reads them exactly, runs many
  times faster than quantulum3 (which we measured, see ``bench/extraction.py``) and needs no
  model download. Regexes are precompiled and free of nested quantifiers (no catastrophic
  backtracking); sentences are cut at 2,000 characters so that every step stays linear.
* **pint** (already a runtime dependency) defines the physical units behind our codes and does
  conversion in :func:`claims.extraction.units.convert`. Its registry is created lazily, once, on
  the first conversion: extraction itself looks surface forms up in a dict, which is far cheaper
  than asking pint to parse every word. The unit names, symbols, aliases and SI prefixes beyond
  our own lexicon (hertz, volts, farads, pascals, sieverts, knots, rpm, ...) are read at import
  from pint's definition files as text (``lexicon.py``), without building a registry.
* **Babel** (CLDR data, pinned; already installed as a dependency of trafilatura) gives the
  ISO 4217 codes, English currency names and plurals ("Swedish kronor") and the symbols used in
  English locales ("RM", "R", "kr", "HK$"), also read once at import (``lexicon.py``).
* **No number-words package**: word2number and text2num were considered; neither reports the
  tokens it consumed (needed for offsets) nor handles "a dozen", "half a million" or vague
  amounts, and text2num brings a native extension. Our parser is ~100 lines in ``numbers.py``.
* **quantulum3** is a development-only dependency, used by the benchmark for comparison.

Modules
-------
``model`` (result type, ``DIMENSIONS``, ``QUALIFIERS``, ``CHANGES``), ``sentences`` (tokens,
sentences, quotations), ``numbers`` (digits, words, scales, scientific notation, vague amounts and
their range convention), ``lexicon`` (pint and Babel data), ``units`` (unit and currency lexicon,
pint conversion), ``qualifiers`` (bounds and trends), ``nouns`` (counted nouns), ``context``
(dates, times, codes and labels that are not figures; time references), ``phrases`` (currency,
unit, rate and counted noun around a number), ``shares`` (fractions, shares, multiples),
``ranges``, ``figures`` (one figure: range, ratio, qualifier, trend), ``changes`` (from A to B,
compound durations), ``senses`` (readings that need the sentence: index points, exchange rates,
which dollar, angles), ``subjects`` (what a figure is about; deciding bodies), ``attribution``
(speaker, verb, via; with ``sources`` for closing clauses, rivals and speaker phrases,
``relays`` for who relays a speaker, ``studies`` for polls and reports, ``names`` for how a
speaker is written), ``scoring`` (claim-worthiness), ``extractor`` (the pipeline).

Conventions (details in each module)
------------------------------------
* ``low``/``high`` always bound the figure; ``value`` is None for ranges and vague amounts.
  Vague amounts read as ``~`` ranges ("tens of thousands" = 10,000–100,000; table in
  ``numbers.py``); explicit ranges ("2,000-4,000", "seven or eight") keep ``=``.
* Units: pint-style codes for physical units (``km2``, ``t``, ``degC``), ISO 4217 for money,
  ``percent``/``pp``/``bp``, ``ratio`` (value = left / right: "7:1" is 7), ``year`` with dimension
  ``age`` for ages, and the singular noun for counted things ("soldier"); a bare number has unit
  ``count`` and an empty ``unit_name``. "tons" is the metric tonne.
* ``per`` joins rate bases with "/": "US$2,000 a month for each soldier" has ``per``
  "month/soldier" (and dimension ``rate``).
* Changes: ``change`` is "to" when the figure is the new level ("fell to $210 a tonne"; "slid
  from $1,870 to $1,795" is one figure, 1,795, with ``from_value`` 1,870) and "by" when it is the
  size of the change ("rose 19 cents", "£14bn higher"); None otherwise.
* Shares of a group are percentages ("one in seven" is 14.29), multiples are ``times``.
* Dates, years used as dates, times of day, ordinals, phone numbers, product/weapon codes
  ("Hwasong-11", "iPhone 14"), scores ("6-3") and labels ("Section 427", "Row 21") are not
  emitted at all (``context.py``); ``score`` ranks the rest.
* Attribution: see ``attribution.py``. A quotation without its own attribution takes the one
  given where it closes or opens, else the speaker already named in the paragraph (verb "said").
  ``place`` is not inferred yet and is always None.

JSON
----
``ExtractedQuantity.to_dict()`` gives JSON-ready values: Decimals become JSON numbers, ``int``
when integral and ``float`` otherwise (news figures have few significant digits, so nothing is
lost).
"""

from .extractor import extract
from .model import DIMENSIONS, QUALIFIERS, ExtractedQuantity

__all__ = ["DIMENSIONS", "QUALIFIERS", "ExtractedQuantity", "extract"]
