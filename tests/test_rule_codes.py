"""`validate.RULE_CODES` (the findings a re-validation replaces) is exactly what the rules can emit."""

import importlib
import inspect
import re

from kehoach_parse.findings import REGISTRY

# the module, not the `kehoach_parse.validate` function the package exports
validate = importlib.import_module("kehoach_parse.validate")


def test_rule_codes_are_the_codes_the_rules_emit() -> None:
    emitted = set(re.findall(r"""\bfinding\(\s*["']([A-Z_]+)["']""", inspect.getsource(validate)))
    assert emitted == set(validate.RULE_CODES)
    assert set(validate.RULE_CODES) <= set(REGISTRY)
