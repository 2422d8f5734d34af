internal import Logging

/// The body of one event-loop thread: waits on epoll, accepts, drives its connections, runs
/// `runsOnEventLoop` responders inline, hands the rest to the worker pool, and enforces deadlines.
/// Everything here is confined to the loop's thread.
final class EventLoopRunner {
    private static let eventBatch = 256
    private static let acceptBatch = 64
    private static let readChunkBytes = 64 * 1024
    private static let acceptPause: UInt64 = 100_000_000

    let loop: EventLoop
    let core: ServerCore
    let timeouts: ConnectionTimeouts
    /// The scratch buffer every connection of this loop reads into (one per loop, not per connection).
    let readBuffer: UnsafeMutableRawBufferPointer
    /// The current monotonic time, refreshed after every `epoll_wait`.
    private(set) var now: UInt64
    /// The `Date` header value, refreshed once per second.
    private(set) var dateCache = DateCache()

    private let parserLimits: HTTPParserLimits
    private let events = EpollEventBuffer(capacity: EventLoopRunner.eventBatch)
    private let sweepInterval: UInt64
    private var connections: [Connection?] = []
    private var connectionCount = 0
    private var nextGeneration: UInt32 = 0
    private var requestIDs = RequestIDGenerator()
    private var listenerRegistered = true
    private var acceptResumeTime: UInt64?
    private var drainDeadline: UInt64?
    private var nextSweep: UInt64

    init(loop: EventLoop, core: ServerCore) {
        self.loop = loop
        self.core = core
        timeouts = ConnectionTimeouts(core.configuration)
        parserLimits = core.configuration.parserLimits
        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readChunkBytes, alignment: 16)
        sweepInterval = min(max(timeouts.shortest / 10, 5_000_000), 250_000_000)
        now = MonotonicClock.now()
        nextSweep = now
        dateCache.refresh()
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Whether the server is shutting down: responses then carry `Connection: close`.
    var isDraining: Bool { drainDeadline != nil }

    /// Runs until a shutdown has drained every connection or reached its deadline.
    func run() {
        while true {
            let count: Int
            do {
                count = try loop.epoll.wait(into: events, timeoutMilliseconds: waitTimeout())
            } catch {
                // Only EBADF, EFAULT or EINVAL remain possible here: a broken invariant, not a runtime condition.
                preconditionFailure("epoll_wait failed on a valid epoll set: \(error)")
            }
            now = MonotonicClock.now()
            dateCache.refresh()
            for index in 0..<count {
                dispatch(data: events.data(at: index), flags: events.flags(at: index))
            }
            if now >= nextSweep { sweep() }
            if let drainDeadline, connectionCount == 0 || now >= drainDeadline { break }
        }
        for index in connections.indices {
            connections[index]?.forceClose()
        }
    }

    // MARK: Connections

    /// Answers `request` inline or hands it to the worker pool (503 when the queue is full).
    func dispatch(_ request: HTTPRequest, from connection: Connection) {
        let plan = ResponsePlan(for: request)
        let requestID: String
        if let incoming = request.headers["X-Request-Id"], RequestContext.isSaneRequestID(incoming) {
            requestID = incoming
        } else {
            requestID = requestIDs.next()
        }
        var context = RequestContext(requestID: requestID, logger: core.logger)
        switch core.responder.executionMode(for: request, context: &context) {
        case .eventLoop:
            let response = ErrorRendering.respond(with: core.responder, to: request, context: &context)
            connection.enqueue(response, plan: plan)
        case .workerPool:
            do {
                if let response = try core.responder.respondWithoutBlocking(to: request, context: &context) {
                    connection.enqueue(response, plan: plan)
                    return
                }
            } catch {
                connection.enqueue(ErrorRendering.response(for: error, request: request, context: context), plan: plan)
                return
            }
            let item = WorkItem(request: request, context: context, loop: loop, connection: connection.id)
            if core.workerPool.submit(item) {
                connection.markInFlight(plan)
            } else {
                context.logger.warning("Worker queue full, answering 503", metadata: ["path": "\(request.path)"])
                connection.enqueue(ServerResponses.serverBusy, plan: plan)
            }
        }
    }

    /// Forgets `connection` and closes its descriptor (the only place a connection descriptor is closed).
    func close(_ connection: Connection) {
        connections[Int(connection.id.descriptor)] = nil
        connectionCount -= 1
        core.admission.release(connection.limitKey)
        SocketIO.close(connection.id.descriptor)
    }

    private func connection(for id: ConnectionID) -> Connection? {
        let index = Int(id.descriptor)
        guard index >= 0, index < connections.count, let connection = connections[index], connection.id == id else {
            return nil
        }
        return connection
    }

    // MARK: Events

    private func waitTimeout() -> Int32 {
        if connectionCount == 0 && drainDeadline == nil && acceptResumeTime == nil { return -1 }
        var wakeAt = nextSweep
        if let drainDeadline { wakeAt = min(wakeAt, drainDeadline) }
        guard wakeAt > now else { return 0 }
        return Int32(clamping: (wakeAt - now + 999_999) / 1_000_000)
    }

    private func dispatch(data: UInt64, flags: EpollFlags) {
        switch data {
        case EventLoop.listenerTag:
            acceptConnections()
        case EventLoop.wakeupTag:
            loop.wakeup.drain()
            for message in loop.takeMessages() {
                handle(message)
            }
        default:
            connection(for: ConnectionID(epollData: data))?.handleEvent(flags)
        }
    }

    private func handle(_ message: LoopMessage) {
        switch message {
        case .completed(let id, let response):
            connection(for: id)?.completeWork(with: response)
        case .shutdown(let deadline, let acknowledged):
            stopAccepting()
            drainDeadline = deadline
            acknowledged.withLock { $0 -= 1 }
            acknowledged.broadcast()
            for index in connections.indices {
                connections[index]?.beginDraining()
            }
        }
    }

    private func sweep() {
        nextSweep = now + sweepInterval
        for index in connections.indices {
            if let connection = connections[index], now >= connection.deadline {
                connection.handleTimeout()
            }
        }
        if let resume = acceptResumeTime, now >= resume, drainDeadline == nil {
            acceptResumeTime = nil
            do {
                try loop.epoll.add(core.listener.descriptor, flags: [.readable, .exclusive], data: EventLoop.listenerTag)
                listenerRegistered = true
            } catch {
                core.logger.error("Cannot resume accepting", metadata: ["error": "\(error)"])
                pauseAccepting()
            }
        }
    }

    // MARK: Accepting

    private func acceptConnections() {
        guard drainDeadline == nil else { return }
        for _ in 0..<Self.acceptBatch {
            switch core.listener.accept() {
            case .accepted(let accepted):
                register(accepted)
            case .wouldBlock:
                return
            case .retry:
                continue
            case .exhausted(let error):
                core.logger.warning("Out of descriptors, pausing accept", metadata: ["error": "\(error)"])
                pauseAccepting()
                return
            case .failed(let error):
                core.logger.error("accept failed", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    private func register(_ accepted: ListeningSocket.Accepted) {
        let descriptor = accepted.descriptor
        guard admit(accepted.limitKey) else {
            SocketIO.close(descriptor)
            return
        }
        nextGeneration = nextGeneration == UInt32.max ? 1 : nextGeneration + 1
        let id = ConnectionID(descriptor: descriptor, generation: nextGeneration)
        do {
            try loop.epoll.add(descriptor, flags: [.readable, .writable, .readHangUp, .edgeTriggered], data: id.epollData)
        } catch {
            core.admission.release(accepted.limitKey)
            SocketIO.close(descriptor)
            core.logger.error("Cannot watch new connection", metadata: ["error": "\(error)"])
            return
        }
        let parser = HTTPRequestParser(limits: parserLimits, remoteAddress: accepted.remoteAddress)
        let connection = Connection(id: id, parser: parser, limitKey: accepted.limitKey, loop: self)
        let index = Int(descriptor)
        if index >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: index - connections.count + 1))
        }
        connections[index] = connection
        connectionCount += 1
    }

    /// Whether a new connection counted under `limitKey` may stay. A full server makes room by closing a connection
    /// of this loop that the busiest address holds and that waits for a request (never one with a request under
    /// way), so one address filling the server cannot lock out the others.
    private func admit(_ limitKey: String) -> Bool {
        switch core.admission.admit(limitKey) {
        case .admitted:
            return true
        case .refusedForAddress:
            core.logger.debug("Per-address connection limit reached, closing new connection", metadata: ["address": "\(limitKey)"])
            return false
        case .refusedFull:
            core.logger.debug("Connection limit reached, closing new connection")
            return false
        case .full(let busiestAddress):
            let victim = connections.lazy.compactMap { $0 }.first { $0.limitKey == busiestAddress && $0.awaitsRequest }
            guard let victim else {
                core.logger.debug("Connection limit reached, closing new connection")
                return false
            }
            core.logger.debug("Connection limit reached, shedding a waiting connection of the busiest address",
                              metadata: ["address": "\(busiestAddress)"])
            victim.forceClose()
            return core.admission.admit(limitKey) == .admitted
        }
    }

    private func pauseAccepting() {
        stopAccepting()
        acceptResumeTime = now + Self.acceptPause
    }

    private func stopAccepting() {
        acceptResumeTime = nil
        guard listenerRegistered else { return }
        listenerRegistered = false
        do {
            try loop.epoll.remove(core.listener.descriptor)
        } catch {
            core.logger.debug("Removing the listener from epoll failed", metadata: ["error": "\(error)"])
        }
    }
}
