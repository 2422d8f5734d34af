import ArgumentParser
import Foundation
import Lifecycle
import Tenancy

/// `webhooksd worker`: the delivery dispatcher alone, for running extra delivery capacity beside `serve`. Any
/// number of workers share the queue through leases.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Deliver webhooks until SIGTERM or SIGINT (no HTTP API).")

    @Option(help: "How long sends in flight may take to finish after SIGTERM, in seconds.")
    var gracePeriod: Int = 10

    func run() throws {
        TerminationSignal.blockInThisThread()
        let settings = try Startup.settings()
        let logger = Startup.bootstrapLogging(level: settings.logLevel)
        let database = Startup.reporting { try Startup.database(settings) }
        DeploymentAgreement.join(database, settings: settings, required: true, logger: logger)
        let delivery = Startup.reporting { try DeliveryRuntime(settings: settings) }
        delivery.sealStoredCredentials(database, logger: logger)
        let dispatcher = Startup.reporting {
            try delivery.dispatcher(database: database, url: try settings.requireDatabaseURL(), logger: logger)
        }
        let maintenance = Maintenance(database: database, authenticator: Authenticator(database: database), logger: logger)

        // The dispatcher stops first: sends in flight finish (up to the grace period) and are recorded, unsent
        // leases are released.
        Startup.reporting {
            try ServiceRunner([LogWriter.standardOutput, maintenance, dispatcher]).run(gracePeriod: .seconds(gracePeriod)) {
                logger.notice("worker started", metadata: ["owner": "\(dispatcher.owner)"])
                TerminationSignal.wait()
                logger.notice("shutting down", metadata: ["gracePeriod": "\(gracePeriod)s"])
            }
        }
        database.close()
        logger.notice("stopped")
    }
}
