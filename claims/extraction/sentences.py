"""Tokens, sentences, paragraphs and quotations.

The splitter is rule based: a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or
brackets) followed by white space and an upper-case letter, a digit or an opening quote, unless
the word before the full stop is a known abbreviation ("Mr.", "Nov.", "U.S.") or an initial.
A line break ends a sentence and its paragraph, unless it wraps a long line in the middle of a
sentence (a long line that does not end with punctuation, followed at once by the next).
Overlong "sentences" (adversarial input without punctuation) are cut at white space every
``MAX_SENTENCE`` characters so that every later step stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCE = 2000


def wordset(words: str) -> frozenset[str]:
    """A frozenset from white-space separated words (keeps long word lists readable)."""
    return frozenset(words.split())


def word_pattern(words: frozenset[str] | set[str]) -> str:
    """A regex alternation of ``words`` as a trie ("s(?:a(?:id|ys?)|ee)"): the re engine tries
    every branch of a flat alternation at every position, and a trie tries one per letter.
    Meant between word boundaries, where a word matches whole: the order of branches is free."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body if len(branches) > 1 or len(body) == 1 else f"(?:{body})") + "?"
        return body

    return emit(trie)


NUM, WORD, PUNCT = 0, 1, 2


ABBREVIATIONS = wordset(
    """mr mrs ms dr prof gen lt col sgt capt cmdr adm maj gov sen rep rev st jr sr sen brig cpl
    supt insp det
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    no nos vs etc approx est inc corp ltd co dept univ ave blvd fig sq pp p vol ch art sec
    u.s u.k u.n e.u a.m p.m e.g i.e"""
)

_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_QUOTE_RE = re.compile(r"“[^“”\n]{0,3000}”|\"[^\"\n]{0,3000}\"")


@dataclass(slots=True)
class Token:
    text: str
    low: str
    start: int
    end: int
    kind: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


#: the same tokens with the white space between them, read by ``findall`` (plain strings, no
#: match objects): the offsets are the running sum of the lengths
_SPACED_TOKEN_RE = re.compile(
    r"(\s+)"
    r"|([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"|([^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(\S)"
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Numbers (``1,234.5``), words (``Kim's``) and single punctuation characters."""
    out: list[Token] = []
    append = out.append
    pos = offset
    for space, num, word, punct in _SPACED_TOKEN_RE.findall(text):
        if space:
            pos += len(space)
            continue
        if num:
            t, kind = num, NUM
        elif word:
            t, kind = word, WORD
        else:
            t, kind = punct, PUNCT
        end = pos + len(t)
        append(Token(t, t.lower(), pos, end, kind))
        pos = end
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE_RE.search(text, max(0, dot - 12), dot)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # initials such as "J. Smith"; but not a lone "I." which is rare enough to ignore
    return len(word) == 1 and m.group(1).isupper()


_WRAP_WIDTH = 50
_LINE_END = frozenset(".!?:;\"'”’)]")


def _is_hard_wrap(text: str, line_start: int, newline: int) -> bool:
    """A single line break inside a sentence of hard-wrapped text: the line is long, does not
    end with punctuation, and the next line follows at once (no blank line)."""
    line = text[line_start:newline].rstrip()
    if len(line) < _WRAP_WIDTH or not line or line[-1] in _LINE_END:
        return False
    following = text[newline + 1 : newline + 2]
    return bool(following) and not following.isspace()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets (stripped of surrounding white space) and paragraph index."""
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    pieces: list[tuple[int, int, bool]] = []
    line_start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if m.group() == "\n":
            if _is_hard_wrap(text, line_start, m.start()):
                line_start = m.end()
                continue  # a line wrapped inside a sentence: the newline is a space
            pieces.append((start, m.start(), True))
            start = line_start = m.end()
            continue
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        pieces.append((start, m.end(), False))
        start = m.end()
    pieces.append((start, len(text), True))
    for s, e, ends_paragraph in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            if cut <= s:
                cut = s + MAX_SENTENCE
            sentences.append(Sentence(s, cut, paragraph))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            sentences.append(Sentence(s, e, paragraph))
        if ends_paragraph and sentences and sentences[-1].paragraph == paragraph:
            paragraph += 1
    return sentences


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (curly or straight double quotes, within one line)."""
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
