#!/usr/bin/env python3
"""PromQL differential: generated expressions must be accepted by `opsready alerts check` exactly when Prometheus's own
`promtool check rules` (Debian's prometheus package) accepts them. Tests and CI only; opsready never runs promtool.

Every expression is one alerting rule on one line of a rule file, so both tools' errors map back to the expression.
"""
import argparse
import json
import random
import re
import subprocess
import sys
import tempfile

METRICS = ["up", "http_requests_total", "node_cpu_seconds_total", "job:http_errors:rate5m", "probe_success",
           "node_filesystem_avail_bytes", "x", "http_request_duration_seconds_bucket"]
LABELS = ["job", "instance", "status", "code", "le", "mode", "__name__"]
VALUES = ['"api"', '"5.."', '".*"', '""', "'idle'", '"a|b"', '"("', "`raw`", '"node"']
MATCH_OPS = ["=", "!=", "=~", "!~"]
DURATIONS = ["5m", "1h", "30s", "1h30m", "250ms", "1d", "2w", "1y", "90s"]
BAD_DURATIONS = ["1.5m", "5m1h", "0x5m", "5", "m"]
# Prometheus 2.42's functions: (name, argument kinds); "v" vector, "m" range vector, "s" scalar, "str" string,
# "?" marks the optional tail, "*" a repeated last argument.
FUNCTIONS = [
    ("abs", "v"), ("absent", "v"), ("absent_over_time", "m"), ("ceil", "v"), ("changes", "m"), ("clamp", "vss"),
    ("clamp_max", "vs"), ("clamp_min", "vs"), ("day_of_month", "?v"), ("day_of_week", "?v"), ("delta", "m"),
    ("deriv", "m"), ("exp", "v"), ("floor", "v"), ("histogram_quantile", "sv"), ("holt_winters", "mss"),
    ("hour", "?v"), ("idelta", "m"), ("increase", "m"), ("irate", "m"), ("label_replace", "vTTTT"),
    ("label_join", "vTTT*"), ("ln", "v"), ("log2", "v"), ("predict_linear", "ms"), ("quantile_over_time", "sm"),
    ("rate", "m"), ("resets", "m"), ("round", "v?s"), ("scalar", "v"), ("sgn", "v"), ("sort", "v"),
    ("sqrt", "v"), ("time", ""), ("timestamp", "v"), ("vector", "s"), ("avg_over_time", "m"),
    ("max_over_time", "m"), ("count_over_time", "m"), ("last_over_time", "m"), ("pi", ""), ("deg", "v"),
]
AGGREGATIONS = ["sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile",
                "count_values"]
BINARY = ["+", "-", "*", "/", "%", "^", "==", "!=", ">", "<", ">=", "<=", "and", "or", "unless", "atan2"]


class Generator:
    def __init__(self, rng):
        self.r = rng

    def duration(self):
        return self.r.choice(BAD_DURATIONS) if self.r.random() < 0.03 else self.r.choice(DURATIONS)

    def selector(self):
        name = self.r.choice(METRICS) if self.r.random() < 0.85 else ""
        matchers = []
        for _ in range(self.r.choice([0, 0, 1, 2])):
            matchers.append(f"{self.r.choice(LABELS)}{self.r.choice(MATCH_OPS)}{self.r.choice(VALUES)}")
        text = name + ("{" + ", ".join(matchers) + ("," if matchers and self.r.random() < 0.1 else "") + "}" if matchers or not name else "")
        if self.r.random() < 0.15:
            text += f" offset {'-' if self.r.random() < 0.2 else ''}{self.duration()}"
        if self.r.random() < 0.05:
            text += self.r.choice([" @ 1609746000", " @ start()", " @ end()"])
        return text

    def number(self):
        return self.r.choice(["0", "1", "0.5", "80", "100", ".9", "1e3", "0x1F", "Inf", "NaN", "-1", "86400 * 30", "3"])

    def expr(self, depth=0, want=None):
        want = want or self.r.choice("vvvvs")
        if depth > 3:
            return self.selector() if want == "v" else self.number()
        if want == "s":
            return self.r.choice([self.number(), "time()", f"scalar({self.expr(depth + 1, 'v')})", f"({self.number()})"])
        if want == "m":
            if self.r.random() < 0.8:
                return f"{self.selector().split(' offset')[0].split(' @')[0]}[{self.duration()}]"
            return f"{self.expr(depth + 1, 'v')}[{self.duration()}:{self.r.choice(['', '1m', '30s'])}]"
        if want == "T":
            return self.r.choice(['"a"', '"$1"', '"(.*)"', '","'])
        choice = self.r.random()
        if choice < 0.25:
            return self.selector()
        if choice < 0.5:
            name, kinds = self.r.choice(FUNCTIONS)
            args = []
            optional = False
            for k in kinds:
                if k == "?":
                    optional = True
                    continue
                if k == "*":
                    args += [self.expr(depth + 1, "T") for _ in range(self.r.choice([0, 1, 2]))]
                    continue
                if optional and self.r.random() < 0.5:
                    break
                args.append(self.expr(depth + 1, k))
            if self.r.random() < 0.08:  # a wrong kind or count of argument
                args.append(self.expr(depth + 1))
            return f"{name}({', '.join(args)})"
        if choice < 0.7:
            op = self.r.choice(AGGREGATIONS)
            inner = self.expr(depth + 1, "v")
            param = {"topk": "s", "bottomk": "s", "quantile": "s", "count_values": "T"}.get(op)
            args = ([self.expr(depth + 1, param)] if param else []) + [inner]
            grouping = ""
            if self.r.random() < 0.5:
                grouping = f" {self.r.choice(['by', 'without'])} ({', '.join(self.r.sample(LABELS[:5], self.r.choice([0, 1, 2])))})"
            if self.r.random() < 0.5:
                return f"{op}{grouping} ({', '.join(args)})"
            return f"{op}({', '.join(args)}){grouping}"
        if choice < 0.95:
            op = self.r.choice(BINARY)
            modifiers = ""
            if op in ("==", "!=", ">", "<", ">=", "<=") and self.r.random() < 0.3:
                modifiers += " bool"
            if self.r.random() < 0.25:
                modifiers += f" {self.r.choice(['on', 'ignoring'])}({', '.join(self.r.sample(LABELS[:4], self.r.choice([0, 1, 2])))})"
                if self.r.random() < 0.4:
                    modifiers += f" {self.r.choice(['group_left', 'group_right'])}" + (f"({self.r.choice(LABELS[:4])})" if self.r.random() < 0.5 else "")
            return f"{self.expr(depth + 1)} {op}{modifiers} {self.expr(depth + 1)}"
        return f"-{self.expr(depth + 1)}" if self.r.random() < 0.5 else f"({self.expr(depth + 1)})"

    def mutate(self, text):
        """Break a valid-looking expression the ways people do: a dropped or doubled character, a stray token."""
        if not text:
            return text
        i = self.r.randrange(len(text))
        kind = self.r.random()
        if kind < 0.4:
            return text[:i] + text[i + 1:]
        if kind < 0.7:
            return text[:i] + text[i] + text[i:]
        return text[:i] + self.r.choice([" by ", " ) ", "[5m]", " offset 5m ", " bool ", ",", " == ", "{", "5m"]) + text[i:]


def check(tool, args, path, count, pattern):
    out = subprocess.run(args + [path], capture_output=True, text=True)
    failing = set()
    for line in (out.stdout + out.stderr).splitlines():
        m = re.search(pattern, line)
        if m:
            failing.add(int(m.group(1)))
    if out.returncode not in (0, 1, 2):
        sys.exit(f"{tool} exited {out.returncode}: {out.stderr[:500]}")
    return failing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--opsready", default=".build/debug/opsready")
    parser.add_argument("--promtool", default="promtool")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    g = Generator(rng)
    expressions = []
    while len(expressions) < options.cases:
        text = g.expr()
        if rng.random() < 0.3:
            text = g.mutate(text)
        if text.strip() and "\n" not in text:
            expressions.append(text)
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        f.write("groups:\n  - name: generated\n    rules:\n")
        for i, text in enumerate(expressions):
            f.write(f"      - {{alert: Rule{i}, expr: {json.dumps(text)}}}\n")
        path = f.name
    first_line = 4
    # promtool: `…: group "generated", rule N, "RuleK": …` (N from 1); opsready: `path:LINE:COLUMN: error: …`.
    theirs = {n - 1 for n in check("promtool", [options.promtool, "check", "rules"], path, len(expressions), r'rule (\d+), "Rule')}
    ours = {n - first_line for n in check("opsready", [options.opsready, "alerts", "check"], path, len(expressions), r"\.yml:(\d+):\d+: error")}
    disagreements = sorted(theirs ^ ours)
    for i in disagreements[:40]:
        who = "promtool refuses, opsready accepts" if i in theirs else "opsready refuses, promtool accepts"
        print(f"{who}: {expressions[i]}")
    refused = len(theirs)
    print(f"PromQL differential: {len(expressions) - len(disagreements)} agree, {len(disagreements)} disagree "
          f"({refused} refused by promtool, {len(expressions) - refused} accepted)")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
