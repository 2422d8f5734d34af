import API
import ArgumentParser
import CoreMetrics
import Delivery
import Dispatch
import Foundation
import HTTPServer
import Logging
import Storage
import Tenancy
import WebhookCore

/// `webhooksd serve`: the HTTP API (and, from the delivery engine on, the dispatcher) until SIGTERM.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API until SIGTERM or SIGINT.")

    @Option(help: "The port to listen on (default: PORT or 8080).")
    var port: Int?

    @Option(help: "How long in-flight requests may take to finish after SIGTERM, in seconds.")
    var gracePeriod: Int = 10

    func run() throws {
        Self.blockTerminationSignals()
        var settings = try Startup.settings()
        if let port {
            guard (1...65535).contains(port) else { Startup.fail("--port must be from 1 to 65535") }
            settings.port = port
        }
        let logger = Startup.bootstrapLogging(level: settings.logLevel)
        let database = Startup.reporting { try Startup.database(settings) }
        let delivery = Startup.reporting { try DeliveryRuntime(settings: settings) }
        let environment = APIEnvironment(
            database: database, authenticator: Authenticator(database: database),
            provisioning: Provisioning(database: database), secretCipher: delivery.cipher,
            adminToken: settings.adminToken, headerPrefix: settings.headerPrefix,
            allowPrivateTargets: settings.allowPrivateTargets,
            testSender: delivery.testSender(database: database, logger: logger))

        // Everything the process measures lands in one Prometheus registry, which `/metrics` renders.
        let metrics = MetricsExposition()
        MetricsSystem.bootstrap(metrics.factory)
        metrics.sample(database)

        let router = Router()
        router.add(middleware: ObservabilityMiddleware(accessLog: AccessLog.sink(level: settings.logLevel)))
        OperationsRoutes(database: database, metrics: metrics).register(on: router)
        APIRoutes(environment: environment).register(on: router)

        var configuration = HTTPServerConfiguration()
        configuration.host = settings.host
        configuration.port = settings.port
        configuration.workerThreads = settings.httpWorkerThreads
        configuration.maxConnections = settings.httpMaxConnections
        let server = HTTPServer(configuration: configuration, responder: router, logger: logger)
        metrics.sample(server)
        Startup.reporting { try server.start() }
        logger.notice("listening", metadata: ["host": "\(settings.host)", "port": "\(server.port)"])

        // Keeps the read cache coherent with every other process; without it the cache never serves.
        let changeFeed = settings.readCacheSeconds > 0
            ? ChangeFeed(url: Startup.reporting { try settings.requireDatabaseURL() }, cache: database.readCache) : nil
        changeFeed?.start()
        let maintenance = Maintenance(database: database, authenticator: environment.authenticator, logger: logger)
        maintenance.start()
        let dispatcher: Dispatcher? = settings.runsDispatcher ? Startup.reporting {
            let dispatcher = try delivery.dispatcher(database: database, url: try settings.requireDatabaseURL(), logger: logger)
            try dispatcher.start()
            metrics.sample(dispatcher)
            return dispatcher
        } : nil
        // New deliveries go straight to this process's dispatcher as far as it has room (no NOTIFY, no claim).
        if let dispatcher { database.handOffDeliveries(to: dispatcher) }

        let signals = Self.onTerminationSignal {
            logger.notice("shutting down", metadata: ["gracePeriod": "\(gracePeriod)s"])
            server.shutdown(gracePeriod: .seconds(gracePeriod))
        }
        server.waitUntilStopped()
        signals.forEach { $0.cancel() }
        // Sends in flight finish (up to the grace period) and are recorded; unsent leases are released.
        database.handOffDeliveries(to: nil)
        dispatcher?.stop(gracePeriod: .seconds(gracePeriod))
        maintenance.stop()
        changeFeed?.stop()
        database.close()
        logger.notice("stopped")
        LogWriter.standardOutput.flush()
    }

    /// Blocks SIGTERM and SIGINT in the calling thread; call it first, before any other thread exists, so that every
    /// thread inherits the mask. The signal sources of ``onTerminationSignal(_:)`` read them through libdispatch's
    /// signalfd, which only sees a signal no thread takes itself: with a thread that left it unblocked, the kernel
    /// could deliver SIGTERM there, where it is ignored, and shutdown would never start.
    static func blockTerminationSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Calls `action` once on the first SIGTERM or SIGINT.
    static func onTerminationSignal(_ action: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        let once = OnceFlag()
        return [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { if once.claim() { action() } }
            source.resume()
            return source
        }
    }
}
