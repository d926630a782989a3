"""Stage 4, rules: the rule files in rules/ run over each event's claims, findings out.

- `engine`: loading and validating rule files, running them, finding ids and messages;
- `checks`: the registered check kinds a rule file names;
- `docs`: docs/rules.md generated from the rule files.
"""

from claimdiff.rules.engine import (
    Rule,
    RuleSelection,
    default_rules_dir,
    load_rule,
    load_rules,
    run_rules,
)

__all__ = ["Rule", "RuleSelection", "default_rules_dir", "load_rule", "load_rules", "run_rules"]
