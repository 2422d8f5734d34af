import API
import ArgumentParser
import CoreMetrics
import Dashboard
import Delivery
import Foundation
import HTTPServer
import Lifecycle
import Logging
import Storage
import Tenancy
import WebhookCore

/// `webhooksd serve`: the HTTP API and the dashboard (and, from the delivery engine on, the dispatcher) until SIGTERM.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API and the dashboard until SIGTERM or SIGINT.")

    @Option(help: "The port to listen on (default: PORT or 8080).")
    var port: Int?

    @Option(help: "How long in-flight requests may take to finish after SIGTERM, in seconds.")
    var gracePeriod: Int = 10

    func run() throws {
        TerminationSignal.blockInThisThread()
        var settings = try Startup.settings()
        if let port {
            guard (1...65535).contains(port) else { Startup.fail("--port must be from 1 to 65535") }
            settings.port = port
        }
        let logger = Startup.bootstrapLogging(level: settings.logLevel)
        let database = Startup.reporting { try Startup.database(settings) }
        DeploymentAgreement.join(database, settings: settings, required: false, logger: logger)
        let delivery = Startup.reporting { try DeliveryRuntime(settings: settings) }
        delivery.sealStoredCredentials(database, logger: logger)
        let wakeUp = DeliveryWakeUp(database: database)
        let publisher = EventPublisher(database: database, wakeUp: wakeUp)
        let environment = APIEnvironment(
            database: database, authenticator: Authenticator(database: database),
            provisioning: Provisioning(database: database), secretCipher: delivery.cipher,
            adminToken: settings.adminToken, headerPrefix: settings.headerPrefix,
            allowPrivateTargets: settings.allowPrivateTargets, defaultPayloadFormat: settings.defaultPayloadFormat,
            testSender: delivery.testSender(database: database, logger: logger), publisher: publisher,
            trustedProxies: settings.trustedProxies, publicOrigin: settings.publicOrigin)

        // Everything the process measures lands in one Prometheus registry, which `/metrics` renders.
        let metrics = MetricsExposition()
        MetricsSystem.bootstrap(metrics.factory)
        metrics.sample(database)

        let router = Router()
        router.add(middleware: ObservabilityMiddleware(trustedProxies: settings.trustedProxies,
                                                       accessLog: AccessLog.sink(level: settings.logLevel)))
        OperationsRoutes(database: database, metrics: metrics, metricsToken: settings.metricsToken).register(on: router)
        APIRoutes(environment: environment).register(on: router)
        DashboardRoutes(frameAncestors: settings.portalFrameOrigins.map(\.description)).register(on: router)

        var configuration = HTTPServerConfiguration()
        configuration.host = settings.host
        configuration.port = settings.port
        configuration.workerThreads = settings.httpWorkerThreads
        configuration.maxConnections = settings.httpMaxConnections
        configuration.maxConnectionsPerAddress = settings.httpMaxConnectionsPerAddress
        let server = HTTPServer(configuration: configuration, responder: router, logger: logger)
        metrics.sample(server)

        // Keeps the read cache coherent with every other process; without it the cache never serves.
        let changeFeed = settings.readCacheSeconds > 0
            ? ChangeFeed(url: Startup.reporting { try settings.requireDatabaseURL() }, cache: database.readCache) : nil
        let maintenance = Maintenance(database: database, authenticator: environment.authenticator, logger: logger)
        let dispatcher: Dispatcher? = settings.runsDispatcher ? Startup.reporting {
            try delivery.dispatcher(database: database, url: try settings.requireDatabaseURL(), logger: logger)
        } : nil
        if let dispatcher {
            metrics.sample(dispatcher)
            // New deliveries go straight to this process's dispatcher as far as it has room (no NOTIFY, no claim);
            // it offers room only while it runs.
            publisher.handOff(to: dispatcher)
        }

        // The server starts last and stops first: nothing new arrives while sends in flight finish (up to the
        // grace period) and are recorded and unsent leases are released. The wake-up stops after the last publish.
        let services: [any Service] = [LogWriter.standardOutput] + [changeFeed].compactMap { $0 } + [maintenance, wakeUp]
            + [dispatcher].compactMap { $0 } + [server]
        Startup.reporting {
            try ServiceRunner(services).run(gracePeriod: .seconds(gracePeriod)) {
                logger.notice("listening", metadata: ["host": "\(settings.host)", "port": "\(server.port)"])
                TerminationSignal.wait()
                logger.notice("shutting down", metadata: ["gracePeriod": "\(gracePeriod)s"])
            }
        }
        publisher.handOff(to: nil)
        database.close()
        logger.notice("stopped")
    }
}
