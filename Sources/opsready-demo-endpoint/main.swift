import Foundation
import LoopbackEndpoints

// The example workload's stand-in endpoints on 127.0.0.1, so `make run` can show live probes offline:
// HTTP on 18080 and HTTPS (a fresh self-signed certificate for `localhost`, valid 90 days) on 18443.
//
//     opsready-demo-endpoint                     serve until Ctrl-C
//     opsready-demo-endpoint COMMAND [ARGS...]   serve while COMMAND runs, then exit with its status

let httpPort = 18080
let httpsPort = 18443

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("opsready-demo-endpoint: \(message)\n".utf8))
    exit(2)
}

let servers: [LoopbackServer]
do {
    servers = [try LoopbackServer(port: httpPort),
               try LoopbackServer(port: httpsPort, tls: try SelfSignedCertificate.serverContext(name: "localhost", validFor: 90))]
} catch {
    fail("cannot listen on 127.0.0.1:\(httpPort) and :\(httpsPort) (\(error)); is another demo endpoint running?")
}

let command = Array(CommandLine.arguments.dropFirst())
guard !command.isEmpty else {
    print("demo endpoints: http://127.0.0.1:\(httpPort)/health  https://localhost:\(httpsPort)/health  (Ctrl-C stops)")
    signal(SIGINT) { _ in exit(0) }
    while true { sleep(3600) }
}

let child = Process()
child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
child.arguments = command
do { try child.run() } catch { fail("cannot run \(command[0]): \(error)") }
child.waitUntilExit()
servers.forEach { $0.stop() }
exit(child.terminationStatus)
