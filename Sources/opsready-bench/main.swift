import CYAML
import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsHypercare
import OpsReporters

/// `make bench`: for 1k, 10k and 100k resources, load, evaluate and total times, peak memory, throughput,
/// and libyaml's raw event-parsing time on the same file. Each size runs in its own process so that peak
/// memory belongs to that size alone. Then the CLI end to end beside libyaml's floor, and instruction counts under
/// callgrind. For looking into one part: `--memory FILE` (resident memory step by step), `--per-check FILE` (the
/// slowest checks), `--json-only FILE` (the JSON report alone), `--parse-only SIZE` (the loader alone),
/// `--parse-ratio SIZE` (the parse ratio alone).

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The fastest of several runs. `body` returns what it built so that freeing it is not timed: a real run
/// keeps its tree until the process exits.
func best<T>(of runs: Int, _ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    var fastest = Double.infinity
    var kept: T?
    for _ in 0..<runs {
        var result: T?
        let time = try seconds { result = try body() }
        fastest = min(fastest, time)
        kept = result
    }
    return (fastest, kept!)
}

/// libyaml alone: every event parsed and freed, no tree built.
func rawEventParse(_ bytes: [UInt8]) -> Int {
    var events = 0
    bytes.withUnsafeBufferPointer { buffer in
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            events += 1
            if done { break }
        }
    }
    return events
}

/// The bundled rubric and every bundled check, judged on the day the examples are assessed.
func bundledAssessor() throws -> Assessor {
    let rubric = try RubricLoader.load(directory: ResourceLocator.path("rubrics/operational-excellence"))
    let checks = try CheckLoader.load(directories: [ResourceLocator.path("checks")], rubrics: [rubric])
    return Assessor(rubric: rubric, checks: checks, day: CalendarDate("2026-11-23")!)
}

/// libyaml's raw parse and our tree of the same bytes, the best of seven rounds taken in turns: on a noisy machine a
/// slow spell then touches both sides of the ratio instead of one.
func parseTimes(_ bytes: [UInt8], file: String) throws -> (raw: Double, tree: Double) {
    var raw = Double.infinity, tree = Double.infinity
    var kept: [Node] = []
    for _ in 0..<7 {
        raw = min(raw, seconds { _ = rawEventParse(bytes) })
        kept = []
        tree = try min(tree, seconds { kept = try DocumentLoader.parse(bytes, file: file) })
    }
    withExtendedLifetime(kept) {}
    return (raw, tree)
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The loader's steps one by one, cold: parse, the CloudFormation adapter, the snapshot's indexes, the alert facts.
func loadPhases(_ path: String) throws -> [Double] {
    var documents: [Node] = []
    var resources: [Resource] = []
    var snapshot: Snapshot!
    let dictionary = try MetricDictionary.loadBundled()
    return [
        try seconds { documents = try DocumentLoader.load(path: path) },
        try seconds { resources = try InputLoader.resources(in: documents[0], file: path) ?? [] },
        seconds { snapshot = Snapshot(resources: resources, files: [path]) },
        try seconds { _ = try AlertFacts.derive(snapshot, metrics: dictionary, fileExists: { _ in true }) },
    ]
}

func measure(size: Int) throws {
    let path = NSTemporaryDirectory() + "opsready-bench-\(size)-\(getpid()).yaml"
    try SyntheticWorkload.template(resources: size).write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let assessor = try bundledAssessor()
    let checks = assessor.checks
    let bytes = try DocumentLoader.readFile(path: path)

    // Warm-up and steady-state figures (best of 3; the two parses best of 7, in turns), then one cold end-to-end run
    // for the total.
    let (rawParse, treeParse) = try parseTimes(bytes, file: path)
    let (load, snapshot) = try best(of: 3) { try InputLoader().load(paths: [path]).snapshot }
    let (evaluate, findings) = best(of: 3) { assessor.evaluate(snapshot).findings }
    var phases: [Double] = []
    let total = try seconds {
        var loaded: InputLoader.Result!
        phases.append(try seconds { loaded = try assessor.loader.load(paths: [path]) })
        var evaluation: Assessor.Evaluation!
        phases.append(seconds { evaluation = assessor.evaluate(loaded.snapshot) })
        var assessment: Assessment!
        phases.append(seconds { assessment = assessor.assess(evaluation) })
        phases.append(seconds { _ = JSONReporter(options: ReportOptions()).render(assessment) })
    }
    // The pull-request gate: cold load, evaluate, a baseline holding half of today's failures, SARIF + Markdown.
    let failing = findings.filter { $0.status == .fail }
    let baseline = Baseline(failing: Array(failing.prefix(failing.count / 2)))
    var gatePhases: [Double] = []
    let gate = try seconds {
        var loaded: InputLoader.Result!
        gatePhases.append(try seconds { loaded = try assessor.loader.load(paths: [path]) })
        var evaluation: Assessor.Evaluation!
        gatePhases.append(seconds { evaluation = assessor.evaluate(loaded.snapshot) })
        var options = Assessor.Options()
        options.baseline = baseline
        var assessment: Assessment!
        gatePhases.append(seconds { assessment = assessor.assess(evaluation, options: options) })
        gatePhases.append(seconds { _ = SARIFReporter(options: ReportOptions()).render(assessment) })
        gatePhases.append(seconds { _ = MarkdownReporter(options: ReportOptions()).render(assessment) })
    }
    if ProcessInfo.processInfo.environment["BENCH_PHASES"] != nil {
        FileHandle.standardError.write(Data("load (parse, adapter, snapshot, alert facts): \(try loadPhases(path).map { String(format: "%.1f ms", $0 * 1000) })\n".utf8))
        FileHandle.standardError.write(Data("phases (load, eval, assessment, json): \(phases.map { String(format: "%.1f ms", $0 * 1000) })\n".utf8))
        FileHandle.standardError.write(Data("gate (load, eval, assessment, sarif, markdown): \(gatePhases.map { String(format: "%.1f ms", $0 * 1000) })\n".utf8))
    }
    let pairs = Double(snapshot.resources.count * checks.count)
    let line = String(format: "%7d %6.1f MB %8.1f ms %8.1f ms %6.2fx %8.1f ms %8.1f ms %8.1f ms %8.1f ms %8.0f MB %10.2f M/s %8d",
                      snapshot.resources.count, Double(bytes.count) / 1_048_576, rawParse * 1000, treeParse * 1000, treeParse / rawParse,
                      load * 1000, evaluate * 1000, total * 1000, gate * 1000, peakMemoryMB(), pairs / evaluate / 1e6, failing.count)
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
if let index = arguments.firstIndex(of: "--parse-only"), index + 1 < arguments.count, let size = Int(arguments[index + 1]) {
    // For profiling the loader alone: parse the same template repeatedly.
    let bytes = Array(SyntheticWorkload.template(resources: size).utf8)
    var kept: [[Node]] = []
    for _ in 0..<10 { kept.append(try DocumentLoader.parse(bytes, file: "synthetic.yaml")) }
    withExtendedLifetime(kept) {}
    exit(0)
}
if let index = arguments.firstIndex(of: "--parse-ratio"), index + 1 < arguments.count, let size = Int(arguments[index + 1]) {
    // Our tree beside libyaml's raw parse of the synthetic template, as the table's ratio column takes them.
    let (raw, tree) = try parseTimes(Array(SyntheticWorkload.template(resources: size).utf8), file: "synthetic.yaml")
    print(String(format: "libyaml raw %.1f ms, our tree %.1f ms: %.2fx", raw * 1000, tree * 1000, tree / raw))
    exit(0)
}
if let index = arguments.firstIndex(of: "--assess-once"), index + 2 < arguments.count {
    try InstructionCount.assessOnce(Array(arguments[(index + 2)...]), output: arguments[index + 1])
    exit(0)
}
if let index = arguments.firstIndex(of: "--raw-parse") {
    try CommandLineBenchmark.rawParse(Array(arguments[(index + 1)...]))
    exit(0)
}
if let index = arguments.firstIndex(of: "--memory"), index + 1 < arguments.count {
    // Resident memory after each step of one run on a file: what holds the memory a run needs.
    let path = arguments[index + 1]
    let assessor = try bundledAssessor()
    func resident() -> String {
        let pages = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return String(format: "%.0f MB", Double(pages * Int(sysconf(Int32(_SC_PAGESIZE)))) / 1_048_576)
    }
    var steps = ["checks loaded \(resident())"]
    let documents = try DocumentLoader.load(path: path)
    steps.append("parsed \(resident())")
    let snapshot = try assessor.loader.load(paths: [path]).snapshot
    steps.append("snapshot \(resident())")
    withExtendedLifetime(documents) {}
    let evaluation = assessor.evaluate(snapshot)
    steps.append("evaluated \(resident())")
    let assessment = assessor.assess(evaluation)
    steps.append("assessed \(resident())")
    let sink = OutputSink(descriptor: open("/dev/null", O_WRONLY))
    JSONReporter(options: ReportOptions()).write(assessment, to: sink)
    sink.flush()
    steps.append("JSON written \(resident()), peak \(String(format: "%.0f MB", peakMemoryMB()))")
    print(steps.joined(separator: "; "))
    exit(0)
}
if let index = arguments.firstIndex(of: "--template"), index + 1 < arguments.count, let size = Int(arguments[index + 1]) {
    // The synthetic template itself, for timing the CLI end to end on it.
    FileHandle.standardOutput.write(Data(SyntheticWorkload.template(resources: size).utf8))
    exit(0)
}
if let index = arguments.firstIndex(of: "--per-check"), index + 1 < arguments.count {
    // The engine check by check on a file: the 25 slowest, then the whole engine (best and median of seven).
    let assessor = try bundledAssessor()
    let snapshot = try assessor.loader.load(paths: [arguments[index + 1]]).snapshot
    let times = assessor.checks.map { check in
        (check.id, seconds { _ = Engine(rubrics: [assessor.rubric], checks: [check]).evaluate(snapshot) })
    }
    for (id, time) in times.sorted(by: { $0.1 > $1.1 }).prefix(25) { print(id.padding(toLength: 22, withPad: " ", startingAt: 0), String(format: "%8.1f ms", time * 1000)) }
    let whole = Engine(rubrics: [assessor.rubric], checks: assessor.checks)
    let runs = (0..<7).map { _ in seconds { _ = whole.evaluate(snapshot) } }.sorted()
    print(String(format: "every check one by one %.1f ms; the engine: best %.1f ms, median %.1f ms", times.map(\.1).reduce(0, +) * 1000,
                 runs[0] * 1000, runs[3] * 1000))
    exit(0)
}
if let index = arguments.firstIndex(of: "--json-only"), index + 1 < arguments.count {
    // The JSON report of a file's assessment alone, written to /dev/null fifteen times: best and median.
    let assessment = try bundledAssessor().assess([arguments[index + 1]])
    let sink = OutputSink(descriptor: open("/dev/null", O_WRONLY))
    let runs = (0..<15).map { _ in seconds { JSONReporter(options: ReportOptions()).write(assessment, to: sink); sink.flush() } }.sorted()
    print(String(format: "JSON report: best %.1f ms, median %.1f ms", runs[0] * 1000, runs[7] * 1000))
    exit(0)
}
if arguments.contains("--probes") {
    try await ProbeBenchmark.run()
    exit(0)
}
if arguments.contains("--serve") {
    try await ServeBenchmark.run()
    exit(0)
}
if arguments.contains("--hypercare") {
    try await HypercareBenchmark.run()
    exit(0)
}
if let index = arguments.firstIndex(of: "--size"), index + 1 < arguments.count, let size = Int(arguments[index + 1]) {
    try measure(size: size)
    exit(0)
}
let sizes = [1_000, 10_000, 100_000]
/// Unbuffered, so the lines come out in order with the children's.
func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

emit("opsready benchmark — release build, \(ProcessInfo.processInfo.activeProcessorCount) cores; checks from \(ResourceLocator.path("checks"))")
emit("  load = read + libyaml + tree + CloudFormation adapter + snapshot; eval = all checks × all resources; total = cold load + eval + JSON report")
emit("  PR gate = cold load + eval + baseline + SARIF + Markdown")
emit("resources   file   libyaml raw   our parse  ratio      load       eval      total    PR gate   peak RSS  res×checks/s  failing")
/// Runs this benchmark again in a child process with `arguments` (its own peak memory), stopping on failure.
func runChild(_ arguments: [String], failure: String) throws {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    child.arguments = arguments
    try child.run()
    child.waitUntilExit()
    if child.terminationStatus != 0 { FileHandle.standardError.write(Data("\(failure) failed\n".utf8)); exit(1) }
}

/// The CLI end to end beside libyaml's floor, for each size and `BENCH_CORPUS`.
func commandLineSection() throws {
    emit("")
    emit("The CLI end to end (a fresh `opsready assess … --format json --output` process, best of 3) beside libyaml's floor (a")
    emit("process that reads the same files and parses them into events). BENCH_CORPUS=<dir> adds a directory of real templates.")
    emit("input                           size      floor      opsready   ratio   peak RSS")
    var cases: [(label: String, inputs: [String], files: [String])] = []
    for size in sizes {
        let path = NSTemporaryDirectory() + "opsready-bench-cli-\(size)-\(getpid()).yaml"
        _ = try CommandLineBenchmark.spawn([CommandLine.arguments[0], "--template", String(size)], output: path)
        cases.append(("synthetic \(size / 1000)k", [path], [path]))
    }
    if let corpus = ProcessInfo.processInfo.environment["BENCH_CORPUS"] {
        let files = InputLoader.templateFiles(in: corpus)
        cases.append(("\((corpus as NSString).lastPathComponent) (\(files.count) files)", [corpus], files))
    }
    for c in cases {
        do { emit(try CommandLineBenchmark.line(label: c.label, inputs: c.inputs, files: c.files)) } catch { emit("\(c.label): \(error)"); exit(1) }
    }
    emit("goals (issue 19): 10k ≤ 4x the floor and peak < 150 MB; a real corpus ≤ 3x; 100k peak < 500 MB, time linear in resources")
    emit("")
    emit("Instructions under callgrind (steady where times are not): the same assessment in this process, beside the floor.")
    emit("input                            libyaml floor      opsready   ratio")
    if let lines = try InstructionCount.section(inputs: cases.filter { $0.label != "synthetic 100k" }) { lines.forEach(emit) } else { emit("(valgrind or strip not installed: skipped)") }
    for c in cases where c.label.hasPrefix("synthetic") { try? FileManager.default.removeItem(atPath: c.files[0]) }
}

if arguments.contains("--cli") {
    try commandLineSection()
    exit(0)
}
for size in sizes { try runChild(["--size", String(size)], failure: "size \(size)") }
try commandLineSection()
try runChild(["--probes"], failure: "probe benchmark")
try runChild(["--hypercare"], failure: "hypercare benchmark")
try runChild(["--serve"], failure: "serve benchmark")
