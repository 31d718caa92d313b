"""Tokenisation shared by the language-model build script and the runtime decoder."""

from __future__ import annotations

import re

from .orthography import canonical_syllable

BOS = "<s>"
EOS = "</s>"
UNK = "<unk>"
NUM = "<num>"
SPECIALS = (BOS, EOS, UNK, NUM)

# words (letters only), numbers (with inner separators), any other single visible character
LM_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[.,/:]\d+)*|\S")

_cache: dict[str, str] = {}


def lm_form(tok: str) -> str:
    """The form a corpus token takes in the language model: lowercase canonical syllable, <num>, or itself."""
    f = _cache.get(tok)
    if f is not None:
        return f
    c = tok[0]
    if c.isdigit():
        f = NUM
    elif c.isalpha():
        f = canonical_syllable(tok.lower())
    else:
        f = tok
    if len(_cache) < 500_000:
        _cache[tok] = f
    return f


def lm_tokens(line: str) -> list[str]:
    return [lm_form(t) for t in LM_TOKEN_RE.findall(line)]
