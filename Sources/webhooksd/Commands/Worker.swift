import ArgumentParser
import Foundation
import Tenancy

/// `webhooksd worker`: the delivery dispatcher alone, for running extra delivery capacity beside `serve`. Any
/// number of workers share the queue through leases.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Deliver webhooks until SIGTERM or SIGINT (no HTTP API).")

    @Option(help: "How long sends in flight may take to finish after SIGTERM, in seconds.")
    var gracePeriod: Int = 10

    func run() throws {
        Serve.blockTerminationSignals()
        let settings = try Startup.settings()
        let logger = Startup.bootstrapLogging(level: settings.logLevel)
        let database = Startup.reporting { try Startup.database(settings) }
        let dispatcher = Startup.reporting {
            let dispatcher = try DeliveryRuntime(settings: settings)
                .dispatcher(database: database, url: try settings.requireDatabaseURL(), logger: logger)
            try dispatcher.start()
            return dispatcher
        }
        let maintenance = Maintenance(database: database, authenticator: Authenticator(database: database), logger: logger)
        maintenance.start()
        logger.notice("worker started", metadata: ["owner": "\(dispatcher.owner)"])

        let stopped = DispatchSemaphore(value: 0)
        let signals = Serve.onTerminationSignal {
            logger.notice("shutting down", metadata: ["gracePeriod": "\(gracePeriod)s"])
            dispatcher.stop(gracePeriod: .seconds(gracePeriod))
            stopped.signal()
        }
        stopped.wait()
        signals.forEach { $0.cancel() }
        maintenance.stop()
        database.close()
        logger.notice("stopped")
        LogWriter.standardOutput.flush()
    }
}
