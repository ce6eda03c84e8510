import Foundation

#if FUZZING
/// libFuzzer's entry point (built by `make fuzz` with `--sanitize fuzzer -DFUZZING`); the target comes from
/// `OPSREADY_FUZZ_TARGET`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let target = ProcessInfo.processInfo.environment["OPSREADY_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .yaml
    target.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without libFuzzer: replays inputs through a target, so that the corpus and every crash found become regression
/// tests (`opsready-fuzz TARGET FILE|DIR...`, run by `make test`).
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("usage: opsready-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE|DIR...\n".utf8))
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target.run([UInt8](data))
                count += 1
            }
        }
        print("fuzz \(name): \(count) passed, 0 failed")
    }
}
#endif
