import Foundation
import TestSupport

/// A Python receiver process (Tests/IntegrationTests/Receivers/receiver.py).
final class ReceiverProcess {
    let port: Int
    let log: URL
    private let process: ChildProcess

    /// A receiver answering `statuses` in turn (the last repeats), each answer `delayMilliseconds` late;
    /// `retryAfter`, when given, is the `Retry-After` of its non-2xx answers.
    convenience init(statuses: [Int], secret: String? = nil, delayMilliseconds: Int = 0, retryAfter: String? = nil) throws {
        var environment: [String: String] = [:]
        if delayMilliseconds > 0 { environment["RECEIVER_DELAY_MS"] = String(delayMilliseconds) }
        if let retryAfter { environment["RECEIVER_RETRY_AFTER"] = retryAfter }
        try self.init(script: "receiver.py",
                      arguments: [statuses.map(String.init).joined(separator: ",")] + (secret.map { [$0] } ?? []),
                      environment: environment)
    }

    /// Starts `Receivers/<script> PORT LOG_FILE <arguments>`, which must log one JSON line per request, with
    /// `environment` added to this process's.
    init(script name: String, arguments: [String], environment: [String: String] = [:]) throws {
        port = try ServiceProcess.freePort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("receiver-\(UUID().uuidString).jsonl")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/IntegrationTests/Receivers/\(name)")
        process = try ChildProcess("python3", [script.path, String(port), log.path] + arguments,
                                   environment: environment.isEmpty ? nil
                                       : ProcessInfo.processInfo.environment.merging(environment) { $1 })
        for _ in 0..<100 {
            if let status = process.terminationStatus { throw TestSupportError("receiver exited with \(status)") }
            if (try? TestHTTPClient(port: port)) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestSupportError("receiver did not start")
    }

    deinit {
        process.kill()
        try? FileManager.default.removeItem(at: log)
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// The requests received so far.
    var requests: [[String: Any]] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Waits until `count` requests arrived (or 20 s passed) and returns them.
    func waitFor(_ count: Int) -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(20)
        while requests.count < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return requests
    }
}
