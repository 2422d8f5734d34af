import Foundation
import Postgres
import Synchronization
import Testing

/// Access to the PostgreSQL server named by `DATABASE_URL`.
enum TestDatabase {
    struct MissingURL: Error, CustomStringConvertible {
        let description = """
            DATABASE_URL is not set. PostgresTests run against a real PostgreSQL server \
            (CI always provides one), e.g. DATABASE_URL=postgresql://user@127.0.0.1:5432/db
            """
    }

    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            throw MissingURL()
        }
        return url
    }

    static func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url())
    }

    /// A name no other test uses, valid as an unquoted identifier.
    static func uniqueName(_ prefix: String) -> String {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        return "\(prefix)_\(suffix)"
    }

    /// Terminates a backend from a separate connection and waits until it is gone.
    static func terminateBackend(_ pid: Int32) throws {
        let admin = try connect()
        let rows = try admin.query("SELECT pg_terminate_backend($1, 10000)", [pid])
        #expect(try rows[0].decode(0, as: Bool.self))
    }

    /// Runs `body(index)` on `count` new threads at once and waits for all of them.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.wait()
    }
}

/// Polls `condition` until it holds, for at most ten seconds.
func waitUntil(_ condition: () -> Bool) {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition(), ContinuousClock.now < deadline {
        Thread.sleep(forTimeInterval: 0.005)
    }
}

/// Collects values from several threads.
final class Collector<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) {
        values.withLock { $0.append(value) }
    }

    var all: [Value] { values.withLock { $0 } }
}
