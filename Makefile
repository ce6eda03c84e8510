# opsready — the two commands a newcomer needs: `make run` and `make test`.
SWIFT ?= swift
BIN := .build/debug/opsready
CONFORMANCE := ../shared/conformance/cel/cases.json

.PHONY: build run test bench release clean example-reports cel-differential promql-differential alertmanager-differential fuzz

build:
	$(SWIFT) build

FORMATS := --format text --format json --format sarif --format junit --format markdown --format html --format wa-answers

DEMO := .build/debug/opsready-demo-endpoint

## Build, then assess the bundled AICC example with its live probes against local stand-in endpoints, as of the
## day its evidence was taken (2026-11-23: connection tests, key rotations and reviews are judged as they stood):
## the report on screen, every format into reports/aicc/. Then its hypercare status in week 7 (not yet; the status
## page with its charts into reports/aicc/hypercare.html) and after week 12 (ready to hand over). Last, both examples
## kept in a portfolio store, and the command that serves it.
run: build
	$(DEMO) $(BIN) assess --manifest examples/aicc/opsready.yaml --as-of 2026-11-23 --probes
	$(DEMO) $(BIN) assess --manifest examples/aicc/opsready.yaml --as-of 2026-11-23 --probes $(FORMATS) --output reports/aicc/
	$(BIN) hypercare status --manifest examples/aicc/opsready.yaml --as-of 2027-01-13 --replay; test $$? -eq 1
	$(BIN) hypercare status --manifest examples/aicc/opsready.yaml --as-of 2027-01-13 --replay --format html --output reports/aicc/hypercare.html; test $$? -eq 1
	$(BIN) hypercare status --manifest examples/aicc/opsready.yaml --as-of 2027-02-24
	scripts/serve-example.sh $(BIN) reports/aicc/portfolio.sqlite
	@echo
	@echo "The example portfolio is in reports/aicc/portfolio.sqlite. Serve it, then open http://127.0.0.1:8080/ :"
	@echo "  $(BIN) serve --store reports/aicc/portfolio.sqlite --as-of 2027-01-13"

## Regenerate the committed example reports (fixed date, so they only change when opsready does).
example-reports: build
	$(BIN) assess --manifest examples/aicc/opsready.yaml --as-of 2026-11-23 $(FORMATS) --output reports/example/aicc/
	-$(BIN) assess --manifest examples/aicc-not-ready/opsready.yaml --as-of 2026-11-23 $(FORMATS) --output reports/example/aicc-not-ready/
	-$(BIN) hypercare status --manifest examples/aicc/opsready.yaml --as-of 2027-01-13 --replay --format html --output reports/example/aicc/hypercare.html
	-$(BIN) hypercare status --manifest examples/aicc/opsready.yaml --as-of 2027-01-13 --replay --format markdown --output reports/example/aicc/hypercare.md
	rm -f reports/example/serve/portfolio.sqlite*
	scripts/serve-example.sh $(BIN) reports/example/serve/portfolio.sqlite --screenshots reports/example/serve
	rm -f reports/example/serve/portfolio.sqlite*

## Build and run every test: unit and end-to-end tests, CEL conformance, and every check's examples.
test: build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	$(BIN) checks test checks
	for t in yaml json cel manifest check promql; do .build/debug/opsready-fuzz $$t Tests/Fuzz/corpus/$$t || exit 1; done

## Fuzz each input path with libFuzzer and AddressSanitizer for FUZZ_SECONDS each (default 60); any crash fails and
## leaves its input in .build-fuzz/crashes/ — add it to Tests/Fuzz/corpus/TARGET/ so `make test` replays it.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := yaml json cel manifest check promql
FUZZ_SEEDS_yaml := examples/aicc examples/aicc/monitoring examples/aicc-not-ready/monitoring
FUZZ_SEEDS_json := examples/aicc/snapshots/aws-cli examples/aicc/snapshots/aws-config examples/aicc/snapshots/terraform
FUZZ_SEEDS_manifest := examples/aicc examples/aicc-not-ready
FUZZ_SEEDS_check := checks/aicc checks/alerting
fuzz: SHELL := /bin/bash
fuzz:
	swift build --scratch-path .build-fuzz --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING --product opsready-fuzz 2>&1 \
	  | grep -v "Cannot export local symbol"; test $${PIPESTATUS[0]} -eq 0
	mkdir -p .build-fuzz/crashes
	set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  seeds=""; for d in $(FUZZ_SEEDS_yaml); do [ $$t = yaml ] && [ -d $$d ] && seeds="$$seeds $$d"; done; \
	  for d in $(FUZZ_SEEDS_json); do [ $$t = json ] && [ -d $$d ] && seeds="$$seeds $$d"; done; \
	  for d in $(FUZZ_SEEDS_manifest); do [ $$t = manifest ] && [ -d $$d ] && seeds="$$seeds $$d"; done; \
	  for d in $(FUZZ_SEEDS_check); do [ $$t = check ] && [ -d $$d ] && seeds="$$seeds $$d"; done; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/lsan-suppressions.txt OPSREADY_FUZZ_TARGET=$$t .build-fuzz/debug/opsready-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
	    -print_final_stats=1 -artifact_prefix=.build-fuzz/crashes/$$t- .build-fuzz/corpus/$$t Tests/Fuzz/corpus/$$t $$seeds 2>&1 | grep -E "^(stat::number_of_executed_units|==|SUMMARY|Done|INFO: seed)" ; \
	  test $${PIPESTATUS[0]} -eq 0; \
	done

## 20,000 generated CEL expressions evaluated here and by Google's cel-cpp (pip install cel-expr-python): they must agree.
cel-differential: build
	python3 Tests/CELDifferential/differential.py --cases 20000 --seed 21 --opsready $(BIN)

## 20,000 generated PromQL expressions parsed here and by Prometheus's promtool (apt install prometheus): they must agree.
promql-differential: build
	python3 Tests/PromQLDifferential/differential.py --cases 20000 --seed 15 --opsready $(BIN)

## Generated Alertmanager configurations and label sets routed here and by amtool (apt install prometheus-alertmanager).
alertmanager-differential: build
	python3 Tests/AlertmanagerDifferential/differential.py --configs 60 --labelsets 8 --seed 5 --opsready $(BIN)

## Release build; load/evaluate timings, peak memory and throughput for 1k, 10k, 100k resources.
bench:
	$(SWIFT) build -c release
	.build/release/opsready-bench

release:
	$(SWIFT) build -c release

clean:
	rm -rf .build reports/aicc
