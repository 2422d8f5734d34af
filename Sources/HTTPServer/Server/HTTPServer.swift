public import Lifecycle
public import Logging

/// An HTTP/1.1 server on POSIX sockets and epoll.
///
/// A few event-loop threads accept connections, read and parse requests, and write responses; requests are
/// answered by a bounded pool of worker threads whose responders may block (unless the responder asks to run
/// on the event loop, see `HTTPResponder.executionMode(for:context:)`). When the worker queue is full the
/// server answers 503 at once. Start it with `start()`, stop it with `stop(deadline:)` from any thread; as a
/// `Service`, a `ServiceRunner` can do both.
public final class HTTPServer: Service {
    private enum Phase: Sendable {
        case idle
        case starting
        case running(Running)
        case stopping
        case stopped
    }

    private struct Running: Sendable {
        let listener: ListeningSocket
        let loops: [EventLoop]
        let loopThreads: [JoinableThread]
        let workerPool: WorkerPool
    }

    private struct State: Sendable {
        var lifecycle = Phase.idle
        var boundPort: Int?
        var workerPool: WorkerPool?
    }

    /// The configuration the server was created with.
    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let logger: Logger
    private let admission: ConnectionAdmission
    private let state = ConditionLock(State())

    /// Creates a server; nothing is bound until `start()`.
    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), responder: any HTTPResponder, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        admission = ConnectionAdmission(
            maxConnections: configuration.maxConnections, maxPerAddress: configuration.connectionsPerAddressLimit
        )
    }

    /// The port the server listens on: the kernel's choice when the configuration asked for port 0
    /// (valid once `start()` returned), otherwise the configured port.
    public var port: Int {
        state.withLock { $0.boundPort } ?? configuration.port
    }

    /// A snapshot of connections, queued requests and busy workers.
    public var metrics: HTTPServerMetrics {
        let pool = state.withLock { $0.workerPool }
        return HTTPServerMetrics(
            openConnections: admission.openConnections,
            queuedRequests: pool?.queuedCount ?? 0,
            busyWorkers: pool?.busyCount ?? 0
        )
    }

    /// Binds (with `SO_REUSEADDR`), listens, and starts the worker and event-loop threads.
    /// Returns once the socket is listening. A server can be started once.
    public func start() throws(HTTPServerError) {
        let claimed = state.withLock { state -> Bool in
            guard case .idle = state.lifecycle else { return false }
            state.lifecycle = .starting
            return true
        }
        guard claimed else { throw .alreadyStarted }
        do throws(HTTPServerError) {
            let running = try launch()
            state.withLock { state in
                state.lifecycle = .running(running)
                state.boundPort = running.listener.port
                state.workerPool = running.workerPool
            }
            state.broadcast()
            logger.info("HTTP server listening", metadata: [
                "host": "\(configuration.host)", "port": "\(running.listener.port)",
                "eventLoops": "\(running.loops.count)", "workers": "\(configuration.workerThreads)",
            ])
        } catch {
            state.withLock { $0.lifecycle = .stopped }
            state.broadcast()
            throw error
        }
    }

    /// Stops the server: new connections are refused at once, idle connections are closed, requests in
    /// progress may finish (their responses carry `Connection: close`) until `deadline`, then every
    /// connection is closed. Returns when all threads have exited; a handler still running at the deadline is
    /// waited for. Callable from any thread, any number of times, except an event-loop thread (a handler
    /// registered with `runsOnEventLoop` must never block; calling this from one traps).
    public func stop(deadline: ContinuousClock.Instant) {
        let running: Running? = state.wait(until: { state in
            if case .starting = state.lifecycle { return false }
            return true
        }) { state in
            switch state.lifecycle {
            case .running(let running):
                state.lifecycle = .stopping
                return running
            case .idle:
                state.lifecycle = .stopped
                return nil
            case .starting, .stopping, .stopped:
                return nil
            }
        }
        guard let running else {
            state.broadcast()
            waitUntilStopped()
            return
        }
        precondition(!running.loopThreads.contains { $0.isCurrent }, "HTTPServer.stop called from an event-loop thread")
        // The event loops keep their deadlines in CLOCK_MONOTONIC nanoseconds.
        let gracePeriod = ContinuousClock.now.duration(to: deadline)
        stop(running, deadline: MonotonicClock.now() + gracePeriod.clampedNanoseconds)
        state.withLock { state in
            state.lifecycle = .stopped
            state.workerPool = nil
        }
        state.broadcast()
        logger.info("HTTP server stopped")
    }

    /// Blocks until the server has stopped; returns at once if it was never started.
    public func waitUntilStopped() {
        state.wait(until: { state in
            switch state.lifecycle {
            case .idle, .stopped: return true
            case .starting, .running, .stopping: return false
            }
        }) { _ in }
    }

    private func launch() throws(HTTPServerError) -> Running {
        let listener: ListeningSocket
        do {
            listener = try ListeningSocket.bind(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        } catch {
            throw .socket(error)
        }
        var loops: [EventLoop] = []
        do {
            for _ in 0..<max(configuration.eventLoopThreads, 1) {
                loops.append(try EventLoop(listener: listener))
            }
        } catch {
            for loop in loops { loop.close() }
            listener.close()
            throw .socket(error)
        }
        let workerPool = WorkerPool(responder: responder, queueCapacity: configuration.maxQueuedRequests)
        let core = ServerCore(
            configuration: configuration, responder: responder, logger: logger,
            listener: listener, workerPool: workerPool, admission: admission
        )
        var threads: [JoinableThread] = []
        do throws(HTTPServerError) {
            try workerPool.start(count: configuration.workerThreads)
            for loop in loops {
                threads.append(try JoinableThread.startServerThread(name: "http-loop") { EventLoopRunner(loop: loop, core: core).run() })
            }
        } catch {
            let started = Running(listener: listener, loops: Array(loops.prefix(threads.count)), loopThreads: threads, workerPool: workerPool)
            stop(started, deadline: 0)
            for loop in loops.dropFirst(threads.count) { loop.close() }
            throw error
        }
        return Running(listener: listener, loops: loops, loopThreads: threads, workerPool: workerPool)
    }

    /// Stops accepting on every loop, closes the listener, drains until `deadline`, joins every thread,
    /// then closes the loops' descriptors (after the workers, which may still post to them, have exited).
    private func stop(_ running: Running, deadline: UInt64) {
        let acknowledged = ConditionLock(running.loops.count)
        for loop in running.loops {
            loop.post(.shutdown(deadline: deadline, acknowledged: acknowledged))
        }
        acknowledged.wait(until: { $0 <= 0 }) { _ in }
        running.listener.close()
        for thread in running.loopThreads { thread.join() }
        running.workerPool.shutdown()
        for loop in running.loops { loop.close() }
    }
}
