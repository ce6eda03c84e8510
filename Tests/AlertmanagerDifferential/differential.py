#!/usr/bin/env python3
"""Alertmanager routing differential: for generated configurations and label sets, `opsready alerts route` must print
the receivers `amtool config routes test` prints (Debian's prometheus-alertmanager package). Tests and CI only.

Configurations mix `match`, `match_re` and `matchers` (quoted and bare values, regular expressions, negations, several
matchers in one string), `continue`, nested routes and inherited receivers.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

LABELS = {"severity": ["critical", "warning", "info"], "service": ["api", "web", "db", "api-v2"], "team": ["ops", "db", "ai"],
          "env": ["prod", "stage"]}


def matcher(r):
    label = r.choice(list(LABELS))
    values = LABELS[label]
    kind = r.random()
    if kind < 0.35:
        return ("matchers", f'{label}="{r.choice(values)}"')
    if kind < 0.5:
        return ("matchers", f"{label}={r.choice(values)}")
    if kind < 0.6:
        return ("matchers", f'{label}!="{r.choice(values)}"')
    if kind < 0.72:
        return ("matchers", f'{label}=~"{"|".join(r.sample(values, r.choice([1, 2])))}"')
    if kind < 0.78:
        return ("matchers", f'{label}=~"{r.choice(values)[:2]}.*"')
    if kind < 0.83:
        return ("matchers", f'{label}!~"{r.choice(values)}"')
    if kind < 0.92:
        return ("match", (label, r.choice(values)))
    return ("match_re", (label, f"{r.choice(values)[:2]}.*"))


def route(r, depth, receivers):
    node = {}
    if r.random() < 0.7:
        node["receiver"] = r.choice(receivers)
    for _ in range(r.choice([0, 1, 1, 2])):
        key, value = matcher(r)
        if key == "matchers":
            node.setdefault("matchers", [])
            if node["matchers"] and r.random() < 0.2:
                node["matchers"][-1] += ", " + value
            else:
                node["matchers"].append(value)
        else:
            node.setdefault(key, {})[value[0]] = value[1]
    if r.random() < 0.3:
        node["continue"] = True
    if depth < 3 and r.random() < 0.5:
        node["routes"] = [route(r, depth + 1, receivers) for _ in range(r.choice([1, 2, 3]))]
    return node


def config(r):
    receivers = [f"r{i}" for i in range(r.choice([2, 3, 4, 5]))]
    root = {"receiver": receivers[0], "group_by": ["alertname"], "routes": [route(r, 1, receivers) for _ in range(r.choice([1, 2, 3, 4]))]}
    return {"route": root, "receivers": [{"name": n} for n in receivers]}


def labelset(r):
    return [f"{k}={r.choice(v)}" for k, v in LABELS.items() if r.random() < 0.6]


def run(args):
    out = subprocess.run(args, capture_output=True, text=True)
    return out.returncode, out.stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--configs", type=int, default=60)
    parser.add_argument("--labelsets", type=int, default=8)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--opsready", default=".build/debug/opsready")
    parser.add_argument("--amtool", default="amtool")
    options = parser.parse_args()
    r = random.Random(options.seed)
    agree = disagree = 0
    with tempfile.TemporaryDirectory() as directory:
        for n in range(options.configs):
            path = os.path.join(directory, f"am{n}.yml")
            with open(path, "w") as f:
                json.dump(config(r), f, indent=1)  # JSON is YAML
            for _ in range(options.labelsets):
                labels = labelset(r)
                theirs = run([options.amtool, "config", "routes", "test", f"--config.file={path}"] + labels)
                ours = run([options.opsready, "alerts", "route", "--config", path] + labels)
                if theirs[1] == ours[1] and (theirs[0] == 0) == (ours[0] == 0):
                    agree += 1
                else:
                    disagree += 1
                    if disagree <= 20:
                        print(f"{path} {' '.join(labels)}: amtool {theirs}, opsready {ours}")
                        print(open(path).read())
    print(f"Alertmanager routing differential: {agree} agree, {disagree} disagree")
    sys.exit(1 if disagree else 0)


if __name__ == "__main__":
    main()
