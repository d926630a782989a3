"""Measuring accuracy (docs/evaluation.md): the curated-pair figures on FA-KES, and more.

- `curated`: pair recall, false alarms, cross-incident links and extraction hit rate against
  hand-curated incidents.
- `judged`: precision by reading, from a seeded sample of findings and a judged-findings file.
- `folds`: the FA-KES dev half split by time into two folds.
- `beyond_war`: the figures on the corpus beyond war against its gold file.
- `severity`: findings per 100 articles by severity.
- `runner`: what `claimdiff eval` runs and prints, corpus by corpus.
"""
