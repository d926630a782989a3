"""How many count claims got a place: of a `claimdiff check` JSON report, the count claims
whose sentence names a place (a GPE, LOC or FAC entity of the spaCy model) and the share of
those with a location, and the share of all count claims with one.

    .venv/bin/python benchmarks/place_share.py report.json [more.json ...]

A measure, not a test: the entity recogniser's idea of "names a place" is itself imperfect.
"""

from __future__ import annotations

import json
import sys

import spacy

from claimdiff.extract.model import resolve_model_name

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def main(paths: list[str]) -> None:
    nlp = spacy.load(resolve_model_name(), disable=["parser", "lemmatizer", "tagger"])
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            claims = [c for c in json.load(handle)["claims"] if c["kind"] == "count"]
        docs = nlp.pipe(c["text"] for c in claims)
        naming = [
            claim
            for claim, doc in zip(claims, docs, strict=True)
            if any(ent.label_ in PLACE_LABELS for ent in doc.ents)
        ]
        placed = sum(1 for c in naming if c["location"])
        anywhere = sum(1 for c in claims if c["location"])
        print(
            f"{path}: sentence names a place and got one {placed}/{len(naming)}"
            f" = {placed / max(1, len(naming)):.3f}; any place {anywhere}/{len(claims)}"
            f" = {anywhere / max(1, len(claims)):.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
