"""Measuring accuracy (docs/evaluation.md): the curated-pair figures on FA-KES, and more.

- `curated`: pair recall, false alarms, cross-incident links and extraction hit rate against
  hand-curated incidents.
"""
