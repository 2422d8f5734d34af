import Foundation
import Testing
import TestSupport

/// One deployment, one SSRF policy: `serve` and `worker` processes sharing a database agree on
/// `WEBHOOKS_ALLOW_PRIVATE_TARGETS`, and a process started with the other value refuses to start.
@Suite struct DeploymentPolicyTests {
    static let setting = "WEBHOOKS_ALLOW_PRIVATE_TARGETS"

    /// Runs `webhooksd arguments...`, which should stop at start-up: its exit status and output, or `nil` (the process
    /// killed) if it still runs after 20 s.
    static func start(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String)? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let process = try ChildProcess(TestPaths.webhooksd, arguments, environment: environment,
                                       standardOutput: .file(output), standardError: .file(output))
        guard eventually(within: .seconds(20), { !process.isRunning }) else {
            process.kill()
            return nil
        }
        return (process.waitUntilExit(), (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    /// Waits until exactly `count` dispatchers listen for deliveries on `url`, so that each process started
    /// passed its start-up checks (and one stopped is gone).
    static func dispatchersListen(_ url: String, _ count: Int) throws -> Bool {
        try eventually(within: .seconds(20)) {
            let listening = try ServiceProcess.runPSQL(url: url, """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND query = 'LISTEN "webhook_deliveries"'
                """)
            return Int(listening.trimmingCharacters(in: .whitespacesAndNewlines)) == count
        }
    }

    @Test func aPermissiveWorkerRefusesToJoinAStrictDeployment() throws {
        let database = try TestDatabase.migrated()
        let strict = ServiceProcess.environment(databaseURL: database.url, extra: [Self.setting: "false"])
        let permissive = ServiceProcess.environment(databaseURL: database.url, extra: [Self.setting: "true"])
        let server = try ServiceProcess(serveWith: strict)

        let refused = try #require(try Self.start(["worker"], environment: permissive), "the worker started")
        #expect(refused.status == 2)
        #expect(refused.output.split(separator: "\n").count == 1, "\(refused.output)")
        #expect(refused.output.contains("setting \(Self.setting): is true here, but this deployment runs with false"))

        // A second server of the other policy is refused alike; one of the same policy joins.
        let otherServer = try #require(try Self.start(["serve", "--port", String(try ServiceProcess.freePort())],
                                                      environment: permissive), "the second server started")
        #expect(otherServer.status == 2)
        #expect(otherServer.output.contains(Self.setting))
        let agreeing = try WorkerProcess(environment: strict)
        #expect(try Self.dispatchersListen(database.url, 2))
        #expect(agreeing.stop() == 0)
        #expect(server.stop() == 0)
    }

    @Test func recordingTheSettingsChangesTheDeploymentsPolicyOnPurpose() throws {
        let database = try TestDatabase.migrated()
        let strict = ServiceProcess.environment(databaseURL: database.url, extra: [Self.setting: "false"])
        let permissive = ServiceProcess.environment(databaseURL: database.url, extra: [Self.setting: "true"])
        let first = try WorkerProcess(environment: strict)
        #expect(try Self.dispatchersListen(database.url, 1))
        #expect(first.stop() == 0)
        #expect(try Self.dispatchersListen(database.url, 0))
        #expect(try Self.start(["worker"], environment: permissive)?.status == 2)

        let recorded = try ServiceProcess.run(["admin", "record-deployment-settings"], environment: permissive)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains(#""\#(Self.setting)":"true""#))
        let worker = try WorkerProcess(environment: permissive)
        #expect(try Self.dispatchersListen(database.url, 1))
        #expect(worker.stop() == 0)
        #expect(try Self.start(["worker"], environment: strict)?.status == 2)
    }
}
