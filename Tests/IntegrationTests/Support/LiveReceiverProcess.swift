import Foundation
import Testing
import TestSupport

/// One request as a live receiver recorded it (`Receivers/receiver_log.py`, `receiver_log.js`).
struct ReceivedRequest {
    /// "verified" when the receiver answered 200, else "rejected".
    let verdict: String
    let status: Int
    /// The `*-Delivery-Id` header, absent on requests the test sent itself without one.
    let deliveryId: String?
    /// Header names lowercased.
    let headers: [String: String]
    let body: [UInt8]
    /// The body as the receiver's language parsed it.
    let payload: [String: Any]?

    init?(line: Substring) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let verdict = object["verdict"] as? String, let status = object["status"] as? Int,
              let headers = object["headers"] as? [String: String], let body = object["body"] as? String
        else { return nil }
        self.verdict = verdict
        self.status = status
        deliveryId = object["deliveryId"] as? String
        self.headers = headers
        self.body = Array(body.utf8)
        payload = object["payload"] as? [String: Any]
    }
}

/// A live receiver's process: a harness serving on a loopback port, recording each request to a log file.
final class LiveReceiverProcess {
    let definition: LiveReceiver
    let port: Int
    private let folder: URL
    private let process: ChildProcess

    private var log: URL { folder.appendingPathComponent("requests.jsonl") }
    private var outputFile: URL { folder.appendingPathComponent("output.txt") }

    /// Starts the harness on `port`, with `secret` in the receiver's secret variable and `extra` in its environment.
    init(_ definition: LiveReceiver, port: Int, secret: String, extra: [String: String] = [:]) throws {
        self.definition = definition
        self.port = port
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seed-receiver-\(UUID().uuidString)")
        self.folder = folder
        let log = folder.appendingPathComponent("requests.jsonl")
        let outputFile = folder.appendingPathComponent("output.txt")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        var environment = ProcessInfo.processInfo.environment
        environment["NODE_PATH"] = LiveReceiver.verifiersFolder.appendingPathComponent("node_shims").path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        // The seeds' prints reach the output file as they happen, in UTF-8.
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONIOENCODING"] = "utf-8"
        if let variable = definition.secretVariable { environment[variable] = secret }
        for (key, value) in extra { environment[key] = value }
        process = try ChildProcess(definition.tool, definition.harness + [String(port), log.path], environment: environment,
                                   standardOutput: .file(outputFile.path), standardError: .file(outputFile.path))
    }

    deinit {
        process.kill()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Waits (up to 15 s) until the receiver accepts connections.
    func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            guard process.isRunning else { throw TestSupportError("\(definition.name) exited: \(output)") }
            if (try? TestHTTPClient(port: port)) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestSupportError("\(definition.name) did not listen on \(port) within 15 s: \(output)")
    }

    /// What the harness and the seed printed (the last 2,000 characters), for failure messages.
    var output: String {
        String(((try? String(contentsOf: outputFile, encoding: .utf8)) ?? "").suffix(2000))
    }

    /// The requests recorded so far, in order.
    var records: [ReceivedRequest] {
        lines.compactMap(ReceivedRequest.init(line:))
    }

    /// The log's lines so far, for harnesses whose records have a shape of their own (the chat receiver's).
    var lines: [Substring] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    /// What the harness and the seed printed, in full.
    var fullOutput: String {
        (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    /// The first request that carried a delivery id, waiting for it until `deadline`.
    func firstDelivery(before deadline: Date) -> ReceivedRequest? {
        repeat {
            if let record = records.first(where: { $0.deliveryId != nil }) { return record }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    /// POSTs `body` with `headers` to the receiver's route (leaving out the headers the client writes itself);
    /// returns the status it answered.
    func post(headers: [String: String], body: [UInt8]) throws -> Int {
        let own: Set = ["host", "content-length", "connection", "expect", "transfer-encoding"]
        let sent = headers.filter { !own.contains($0.key) }.sorted { $0.key < $1.key }
        return try TestHTTPClient(port: port).send(method: "POST", path: definition.route, headers: sent, body: body).status
    }
}

/// Whether the receivers' interpreters and Python packages are installed (scripts/env.sh installs them).
enum Tools {
    /// Skips the running test when a tool `receivers` need is missing, naming it.
    static func requireAll(for receivers: [LiveReceiver]) throws {
        let needsNode = receivers.contains { $0.tool == "node" }
        let needsPython = receivers.contains { $0.tool == "python3" }
        if needsNode && !works(["node", "--version"]) {
            try Test.cancel(Comment(rawValue: "node is not installed (scripts/env.sh installs nodejs): skipping "
                + names(receivers)))
        }
        if needsPython && !works(["python3", "-c", "import flask, standardwebhooks"]) {
            try Test.cancel(Comment(rawValue: "python3 with flask and standardwebhooks is not installed "
                + "(scripts/env.sh: pip install standardwebhooks flask): skipping " + names(receivers)))
        }
    }

    private static func names(_ receivers: [LiveReceiver]) -> String {
        receivers.map(\.name).joined(separator: ", ")
    }

    /// Whether `arguments` run and exit 0.
    private static func works(_ arguments: [String]) -> Bool {
        guard let child = try? ChildProcess(arguments[0], Array(arguments.dropFirst())) else { return false }
        return child.waitUntilExit() == 0
    }
}
