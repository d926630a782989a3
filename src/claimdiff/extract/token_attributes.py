"""The model's attribute ruler and lemmatizer, remembered: the same tags, parts of speech,
morphology and lemmas, without their Python work on every token.

en_core_web_sm maps each token's tag to its part of speech and morphology with an
AttributeRuler (a Matcher of some 180 patterns run over every token) and then lemmatises each
token in a Python loop: together about a fifth of the pipeline's time on the sentences claimdiff
reads. Nearly all of those patterns look at one token only, and only at its tag, its lower-case
form, its dependency label and whether it is a space; and the lemma depends only on the form,
part of speech and morphology. So `claimdiff_token_attributes_v1` keeps what the two components
did to a token under those attributes (a lower-case form that no pattern names stands for all
such) and writes the remembered values into the Doc's arrays at once.

A token whose attributes it has not seen yet is looked up by running the one-token patterns,
in their order, on a Doc of such tokens alone. Where a pattern of another kind (several tokens,
a regular expression) matches somewhere in the Doc, it runs the model's own two components on
that Doc instead, exactly as before. `nlp.py` puts it in their place (they stay in the
pipeline, disabled) when the model has both, one right after the other, with a rule or lookup
lemmatizer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from claimdiff.extract.rule_lemmas import rule_lemmas

# What a one-token pattern may look at for it to be remembered, and the operators it may use.
_KEYED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SET_OPERATORS = frozenset({"IN", "NOT_IN"})
# A token's key: its own attributes the patterns read, and those the two components may change.
_KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA]
_LOWER_AT = 1
# What a token of a probe Doc takes from the token it stands for (its form gives the rest).
_PROBE_ATTRS = [TAG, DEP, POS, MORPH, LEMMA]
# What the attribute ruler may set (the lemmatizer sets LEMMA after it).
_SET_ATTRS = [TAG, POS, MORPH, LEMMA, DEP]
_POS_AT, _MORPH_AT, _LEMMA_AT = 1, 2, 3
# Stands for every lower-case form no pattern names: no pattern can tell them apart. (Every
# other attribute of the key is kept as it is: the ruler may set the dependency label, so a
# placeholder there could not say what to set it back to.)
_UNNAMED = -1

Key = tuple[int, ...]


@Language.factory("claimdiff_token_attributes_v1")
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))
    return TokenAttributes(ruler, cast(Lemmatizer, nlp.get_pipe("lemmatizer")))


class TokenAttributes:
    """Pipeline component: what `ruler` and then `lemmatizer` do to a Doc, remembered."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        strings = ruler.vocab.strings
        # The one-token patterns, in their order, and the others.
        self._one_token = AttributeRuler(ruler.vocab, name=f"{ruler.name}_one_token")
        self._others = Matcher(ruler.vocab, validate=False)
        named: set[int] = set()
        for index, entry in enumerate(ruler.patterns):
            patterns = cast(list[list[dict[str, Any]]], entry["patterns"])
            if all(_rememberable(pattern) for pattern in patterns):
                attrs, at = cast(dict[str, Any], entry["attrs"]), cast(int, entry["index"])
                self._one_token.add(patterns, attrs, at)  # type: ignore[arg-type]
                for pattern in patterns:
                    for attr, value in pattern[0].items():
                        if attr == "LOWER":
                            named.update(strings.add(v) for v in _named_values(value))
            else:
                self._others.add(str(index), patterns)
        self._named_lower = frozenset(named)
        self._ruled: dict[Key, tuple[int, ...]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}
        # The lemmatizer's own lemmas, its word lists read as sets (rule_lemmas.py).
        self._lemmatize = rule_lemmas(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if self._others(doc, allow_missing=True):
            # A pattern over several tokens, or of another kind: the model's own, as it is.
            return self.lemmatizer(self.ruler(doc))
        keys = self._keys(doc)
        self._learn(doc, keys)
        values: Any = numpy.array([self._ruled[key] for key in keys], dtype="uint64")
        doc.from_array(_SET_ATTRS, values)
        doc.from_array([LEMMA], self._lemmas_of(doc, values))
        return doc

    def _keys(self, doc: Doc) -> list[Key]:
        named_lower = self._named_lower
        keys: list[Key] = []
        for row in doc.to_array(_KEY_ATTRS).tolist():
            if row[_LOWER_AT] not in named_lower:
                row[_LOWER_AT] = _UNNAMED
            keys.append(tuple(row))
        return keys

    def _learn(self, doc: Doc, keys: list[Key]) -> None:
        """Remember what the one-token patterns do to the tokens whose keys are new: they run on
        a Doc of just those tokens, each with its tag, label and morphology."""
        new: dict[Key, int] = {}
        for index, key in enumerate(keys):
            if key not in self._ruled and key not in new:
                new[key] = index
        if not new:
            return
        indices = list(new.values())
        probe = Doc(doc.vocab, words=[doc[i].text for i in indices], spaces=[False] * len(indices))
        probe.from_array(_PROBE_ATTRS, cast(Any, doc.to_array(_PROBE_ATTRS)[indices]))
        self._one_token(probe)
        for key, row in zip(new, probe.to_array(_SET_ATTRS).tolist(), strict=True):
            self._ruled[key] = tuple(row)

    def _lemmas_of(self, doc: Doc, values: Any) -> Any:
        """The lemma of each token, as the lemmatizer gives it after the ruler's values."""
        lemmas = values[:, _LEMMA_AT].copy()
        overwrite = self.lemmatizer.overwrite
        forms = doc.to_array([ORTH]).tolist()
        strings = doc.vocab.strings
        for index, row in enumerate(values.tolist()):
            if row[_LEMMA_AT] and not overwrite:
                continue
            key = (forms[index], row[_POS_AT], row[_MORPH_AT])
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self._lemmas[key] = strings.add(self._lemmatize(doc[index])[0])
            lemmas[index] = lemma
        return lemmas


def _rememberable(pattern: list[dict[str, Any]]) -> bool:
    """A one-token pattern on the attributes a key holds, with plain values or IN / NOT_IN."""
    if len(pattern) != 1:
        return False
    return all(
        attr in _KEYED
        and (
            isinstance(value, str | bool)
            or (isinstance(value, Mapping) and set(value) <= _SET_OPERATORS)
        )
        for attr, value in pattern[0].items()
    )


def _named_values(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [str(item) for items in value.values() for item in items]
    return []
