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
  than asking pint to parse every word.
* **No number-words package**: word2number and text2num were considered; neither reports the
  tokens it consumed (needed for offsets) nor handles "a dozen", "half a million" or vague
  amounts, and text2num brings a native extension. Our parser is ~100 lines in ``numbers.py``.
* **quantulum3** is a development-only dependency, used by the benchmark for comparison.

Modules
-------
``model`` (result type, ``DIMENSIONS``, ``QUALIFIERS``), ``sentences`` (tokens, sentences,
quotations), ``numbers`` (digits, words, scales, vague amounts and their range convention),
``units`` (unit and currency lexicon, pint conversion), ``qualifiers`` (bounds and trends),
``nouns`` (counted nouns), ``context`` (dates, times, codes and labels that are not figures; time
references), ``phrases`` (currency, unit, rate and counted noun around a number), ``figures``
(one figure: range, ratio, qualifier, trend), ``attribution`` (speaker, verb, via), ``scoring``
(claim-worthiness), ``extractor`` (the pipeline).

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
