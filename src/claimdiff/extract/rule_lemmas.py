"""spaCy's rule lemmatizer, with its word lists as sets.

`Lemmatizer.rule_lemmatize` asks, for each form a suffix rule makes, whether the form is in
the part of speech's index of known words; en_core_web_sm keeps those indices as lists (57,000
nouns), so each question reads a list, some 80 microseconds a token: most of the time
token_attributes.py spends on a token it has not seen. `rule_lemmas` answers as the
lemmatizer does, the same steps in the same order, the indices made sets once; for a
lemmatizer that is not spaCy's rule lemmatizer as it is (another mode, a subclass with its own
`rule_lemmatize`) it calls the lemmatizer's own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.pipeline import Lemmatizer
from spacy.tokens import Token


def rule_lemmas(lemmatizer: Lemmatizer) -> Callable[[Token], list[str]]:
    """What `lemmatizer.lemmatize` gives a token, the same lemmas in the same order."""
    lemmatize = lemmatizer.lemmatize
    if lemmatizer.mode != "rule" or getattr(lemmatize, "__func__", None) is not (
        Lemmatizer.rule_lemmatize
    ):
        return lemmatize
    return _SetIndexRuleLemmatizer(lemmatizer)


class _SetIndexRuleLemmatizer:
    """`Lemmatizer.rule_lemmatize` (spaCy 3.8) with each index of known words read as a set."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        # By part of speech, made on first use: the index the lemmatizer's table holds, and it
        # as a set (made again if the lemmatizer is given other tables).
        self._index_sets: dict[str, tuple[Collection[str], frozenset[str]]] = {}

    def __call__(self, token: Token) -> list[str]:
        lemmatizer = self.lemmatizer
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos == "":
            return lemmatizer.rule_lemmatize(token)  # its own warning (W108)
        if univ_pos in ("eol", "space"):
            return [string.lower()]
        if lemmatizer.is_base_form(token):
            return [string.lower()]
        lookups = lemmatizer.lookups
        index_table = lookups.get_table("lemma_index", {})
        exc_table = lookups.get_table("lemma_exc", {})
        rules_table = lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return [string] if univ_pos == "propn" else [string.lower()]
        index = self._index_set(univ_pos, index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms

    def _index_set(self, univ_pos: str, index: Collection[str]) -> frozenset[str]:
        found = self._index_sets.get(univ_pos)
        if found is None or found[0] is not index:
            found = self._index_sets[univ_pos] = (index, frozenset(index))
        return found[1]
