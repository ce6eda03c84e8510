#!/usr/bin/env python3
"""CEL differential test: generated expressions evaluated by Google's cel-cpp (PyPI `cel-expr-python`, in tests only)
and by opsready's own evaluator, which must agree — same value and type, or both an error.

The expressions are drawn from the subset opsready implements (literals of every kind, arithmetic, comparisons,
logic, the conditional, `in`, indexing, `has()` on maps, conversions, `size`, string functions, the macros), at random
from a fixed seed, so a run is reproducible. cel-cpp's answers become cases in the shared conformance format, which
`opsready expr test` runs. Disagreements are printed and fail the run unless they match a deliberate difference listed
in DELIBERATE (with its reason), and the run ends with the plain `N passed, M failed` line.

    python3 Tests/CELDifferential/differential.py --cases 20000 --seed 21 --opsready .build/debug/opsready
"""
import argparse
import base64
import json
import math
import random
import re
import subprocess
import sys
import tempfile

from cel_expr_python import cel
from cel_expr_python.ext import ext_strings

# Differences kept on purpose: a regular expression over "EXPR — REASON" and why. Where cel-go and cel-cpp differ,
# opsready follows cel-go.
DELIBERATE = [
    (r'^"?"?\.split\(""\)|"\.split\(""\) .*expected \[""\], got \[\]|expected \[""\], got \[\]',
     'splitting an empty string by "" gives [] as in cel-go (strings.Split); cel-cpp gives [""]'),
]

INTS = ["0", "1", "-1", "7", "42", "-3", "9223372036854775807", "-9223372036854775808", "1000000"]
UINTS = ["0u", "1u", "7u", "18446744073709551615u", "42u"]
DOUBLES = ["0.0", "1.5", "-2.25", "1e10", "3.0", "-0.0", "0.1", "1e308"]
STRINGS = ['""', '"a"', '"abc"', '"Hello"', '"a,b,c"', '"  pad "', '"한글"', '"x.y"', "'q'"]
BOOLS = ["true", "false"]


class Generator:
    def __init__(self, rng):
        self.rng = rng

    def pick(self, xs):
        return self.rng.choice(xs)

    def expr(self, depth):
        kinds = [self.int_expr, self.bool_expr, self.string_expr, self.double_expr, self.uint_expr, self.list_expr, self.misc_expr]
        return self.pick(kinds)(depth)

    def int_expr(self, d):
        if d <= 0:
            return self.pick(INTS)
        r = self.rng.random()
        if r < 0.35:
            return f"({self.int_expr(d - 1)} {self.pick(['+', '-', '*', '/', '%'])} {self.int_expr(d - 1)})"
        if r < 0.45:
            return f"size({self.pick([self.string_expr, self.list_expr])(d - 1)})"
        if r < 0.55:
            return f"int({self.pick([self.double_expr, self.uint_expr, self.string_expr, self.int_expr])(d - 1)})"
        if r < 0.65:
            return f"({self.bool_expr(d - 1)} ? {self.int_expr(d - 1)} : {self.int_expr(d - 1)})"
        if r < 0.75:
            return f"{self.list_of_ints(d - 1)}[{self.int_expr(d - 1)}]"
        if r < 0.8:
            return f"-{self.int_expr(d - 1)}"
        if r < 0.85:
            return f"size({self.list_of_ints(d - 1)}.filter(x, x > {self.pick(INTS)}))"
        return self.pick(INTS)

    def uint_expr(self, d):
        if d <= 0:
            return self.pick(UINTS)
        r = self.rng.random()
        if r < 0.4:
            return f"({self.uint_expr(d - 1)} {self.pick(['+', '-', '*', '/', '%'])} {self.uint_expr(d - 1)})"
        if r < 0.6:
            return f"uint({self.pick([self.int_expr, self.double_expr, self.string_expr])(d - 1)})"
        return self.pick(UINTS)

    def double_expr(self, d):
        if d <= 0:
            return self.pick(DOUBLES)
        r = self.rng.random()
        if r < 0.45:
            return f"({self.double_expr(d - 1)} {self.pick(['+', '-', '*', '/'])} {self.double_expr(d - 1)})"
        if r < 0.65:
            return f"double({self.pick([self.int_expr, self.uint_expr, self.string_expr])(d - 1)})"
        return self.pick(DOUBLES)

    def finite_double_expr(self, d):
        if d <= 0:
            return self.pick([x for x in DOUBLES if x != "1e308"])
        return f"({self.finite_double_expr(d - 1)} {self.pick(['+', '-', '*'])} {self.finite_double_expr(d - 1)})"

    def string_expr(self, d):
        if d <= 0:
            return self.pick(STRINGS)
        r = self.rng.random()
        if r < 0.25:
            return f"({self.string_expr(d - 1)} + {self.string_expr(d - 1)})"
        if r < 0.4:
            # Doubles that stay finite: cel-cpp writes infinity and NaN as `inf`/`nan`, cel-go (and opsready) as `+Inf`/`NaN`.
            return f"string({self.pick([self.int_expr, self.uint_expr, self.finite_double_expr, self.bool_expr, self.string_expr])(d - 1)})"
        if r < 0.5:
            return f"{self.string_expr(d - 1)}.{self.pick(['lowerAscii()', 'upperAscii()', 'trim()'])}"
        if r < 0.6:
            return f"{self.string_expr(d - 1)}.split({self.pick(STRINGS)}).join({self.pick(STRINGS)})"
        if r < 0.7:
            return f"({self.bool_expr(d - 1)} ? {self.string_expr(d - 1)} : {self.string_expr(d - 1)})"
        return self.pick(STRINGS)

    def bool_expr(self, d):
        if d <= 0:
            return self.pick(BOOLS)
        r = self.rng.random()
        comparable = self.pick([self.int_expr, self.uint_expr, self.double_expr, self.string_expr, self.bool_expr])
        if r < 0.2:
            return f"({comparable(d - 1)} {self.pick(['==', '!=', '<', '<=', '>', '>='])} {comparable(d - 1)})"
        if r < 0.3:
            left = self.pick([self.int_expr, self.uint_expr, self.double_expr])
            right = self.pick([self.int_expr, self.uint_expr, self.double_expr])
            return f"({left(d - 1)} {self.pick(['==', '<', '>='])} {right(d - 1)})"
        if r < 0.45:
            return f"({self.bool_expr(d - 1)} {self.pick(['&&', '||'])} {self.bool_expr(d - 1)})"
        if r < 0.5:
            return f"!{self.bool_expr(d - 1)}"
        if r < 0.6:
            return f"{self.string_expr(d - 1)}.{self.pick(['contains', 'startsWith', 'endsWith'])}({self.string_expr(d - 1)})"
        if r < 0.65:
            pattern = self.pick(['"^a"', '"b+"', '"[0-9]"', '".*"'])
            return f"{self.string_expr(d - 1)}.matches({pattern})"
        if r < 0.75:
            return f"({self.int_expr(d - 1)} in {self.list_of_ints(d - 1)})"
        if r < 0.85:
            macro = self.pick(["all", "exists", "exists_one"])
            return f"{self.list_of_ints(d - 1)}.{macro}(x, x {self.pick(['>', '<', '=='])} {self.int_expr(d - 1)})"
        if r < 0.9:
            return f"has({{'a': 1, 'b': {self.int_expr(d - 1)}}}.{self.pick(['a', 'c'])})"
        if r < 0.95:
            return f"type({self.expr(d - 1)}) == {self.pick(['int', 'uint', 'double', 'string', 'bool', 'list', 'map', 'null_type'])}"
        return self.pick(BOOLS)

    def list_of_ints(self, d):
        n = self.rng.randint(0, 4)
        return "[" + ", ".join(self.int_expr(max(d - 1, 0)) for _ in range(n)) + "]"

    def list_expr(self, d):
        if d <= 0:
            return self.pick(["[]", "[1, 2, 3]", '["a", "b"]'])
        r = self.rng.random()
        if r < 0.3:
            return f"({self.list_of_ints(d - 1)} + {self.list_of_ints(d - 1)})"
        if r < 0.5:
            return f"{self.list_of_ints(d - 1)}.map(x, x {self.pick(['+', '*', '-'])} {self.int_expr(d - 1)})"
        if r < 0.6:
            return f"{self.string_expr(d - 1)}.split({self.pick(STRINGS)})"
        return self.list_of_ints(d)

    def misc_expr(self, d):
        r = self.rng.random()
        if r < 0.3:
            key = self.pick(['"a"', '"b"', '"c"'])
            return f"{{'a': {self.int_expr(d - 1)}, 'b': {self.string_expr(d - 1)}}}[{key}]"
        if r < 0.5:
            return f"{{1: 'x', 2u: 'y'}}[{self.pick(['1', '2u', '1.0', '2'])}]"
        if r < 0.7:
            return "null"
        return f"dyn({self.expr(d - 1)})"


def typed(value, cel_type):
    """cel-cpp's value as a typed value of the conformance format, or None when it has no such form."""
    name = cel_type.name()
    if name == "NULL":
        return {"null": None}
    if name == "BOOL":
        return {"bool": value}
    if name == "INT":
        return {"int": str(value)}
    if name == "UINT":
        return {"uint": str(value)}
    if name == "DOUBLE":
        if math.isnan(value):
            return {"double": "nan"}
        if math.isinf(value):
            return {"double": "inf" if value > 0 else "-inf"}
        return {"double": repr(value)}
    if name == "STRING":
        return {"string": value}
    if name == "BYTES":
        return {"bytes_b64": base64.b64encode(bytes(value)).decode()}
    if name == "TYPE":
        mapping = {"INT": "int", "UINT": "uint", "DOUBLE": "double", "STRING": "string", "BOOL": "bool", "BYTES": "bytes",
                   "NULL": "null_type", "TYPE": "type"}
        type_name = str(value.name()) if hasattr(value, "name") else str(value)
        base = type_name.split("<")[0]
        base = {"LIST": "list", "MAP": "map"}.get(base, mapping.get(base))
        return {"type": base} if base else None
    if name.startswith("LIST"):
        items = [typed(v.plain_value() if hasattr(v, "plain_value") else v, v.type()) if hasattr(v, "type") else None for v in value]
        return None if any(i is None for i in items) else {"list": items}
    if name.startswith("MAP"):
        return None
    return None


def evaluate(env, source):
    """cel-cpp's answer: ('value', typed) or ('error', text), or None when it cannot be compared."""
    try:
        compiled = env.compile(source, disable_check=True)
    except Exception as error:  # parse errors
        return ("error", str(error).splitlines()[0][:80])
    try:
        result = compiled.eval()
    except Exception as error:
        return ("error", str(error).splitlines()[0][:80])
    if result.type().name() == "ERROR":
        return ("error", str(result.plain_value())[:80])
    raw = result.value()
    if result.type().name().startswith("LIST"):
        items = []
        for item in raw:
            t = typed(item.plain_value(), item.type()) if hasattr(item, "type") else None
            if t is None:
                return None
            items.append(t)
        return ("value", {"list": items})
    value = typed(result.plain_value(), result.type())
    return None if value is None else ("value", value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--opsready", default=".build/debug/opsready")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    generator = Generator(rng)
    env = cel.NewEnv(extensions=[ext_strings.ExtStrings()])
    cases, seen, skipped = [], set(), 0
    while len(cases) < args.cases:
        source = generator.expr(rng.randint(1, args.depth))
        if source in seen:
            continue
        seen.add(source)
        answer = evaluate(env, source)
        if answer is None:
            skipped += 1
            continue
        kind, payload = answer
        case = {"file": "differential", "section": f"seed-{args.seed}", "name": f"case-{len(cases)}", "expr": source}
        case[kind] = payload
        cases.append(case)

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(cases, out, ensure_ascii=False)
        path = out.name
    run = subprocess.run([args.opsready, "expr", "test", path, "--json"], capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stdout[-2000:], run.stderr[-2000:], file=sys.stderr)
        print(f"differential: 0 passed, {len(cases)} failed")
        return 1
    deliberate = [f for f in report["failures"] if any(re.search(pattern, f["expr"] + " — " + f["reason"]) for pattern, _ in DELIBERATE)]
    disagreements = [f for f in report["failures"] if f not in deliberate]
    for failure in disagreements[:50]:
        print(f"DISAGREE {failure['expr']}  —  {failure['reason']}")
    print(f"(cel-cpp answers not comparable, skipped: {skipped}; deliberate differences: {len(deliberate)})")
    print(f"differential: {report['passed'] + len(deliberate)} passed, {len(disagreements)} failed")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
