internal import Logging

/// One client connection, driven by its event loop: reads in large chunks into the parser, answers
/// requests in order (at most one at a time in the worker pool, later pipelined ones wait in the buffer),
/// writes with `sendmsg` and waits for `EPOLLOUT` when the socket is full, and enforces its timeouts.
///
/// The socket is registered edge-triggered, so reading continues until the kernel buffer is drained
/// (a short read) and every pause in reading is resumed explicitly.
final class Connection {
    /// What the connection is waiting for, which selects the timeout that applies.
    private enum Phase {
        case idle, head, body, processing, writing, lingering
    }

    /// Stop reading ahead when this much unparsed input is buffered and requests cannot progress.
    private static let readAheadLimit = 64 * 1024
    /// Stop answering pipelined requests while this much output is unsent.
    private static let outputHighWater = 64 * 1024
    /// Reads per event while discarding the input of a closing connection.
    private static let lingerReadsPerEvent = 16

    let id: ConnectionID
    /// What per-address limits count this connection under.
    let limitKey: String
    /// When the current phase times out (monotonic ns).
    private(set) var deadline: UInt64 = .max

    private unowned let loop: EventLoopRunner
    private var parser: HTTPRequestParser
    private var output = OutputQueue()
    private var inFlight: ResponsePlan?
    private var closeAfterFlush = false
    private var peerClosed = false
    private var readPaused = false
    private var writeBlocked = false
    private var lingering = false
    private var closed = false
    private var phase = Phase.idle
    private var phaseStart: UInt64
    private let acceptedAt: UInt64
    private var lastWriteProgress: UInt64
    private var requestCount = 0
    private var requestCountAtPhaseStart = 0

    init(id: ConnectionID, parser: HTTPRequestParser, limitKey: String, loop: EventLoopRunner) {
        self.id = id
        self.parser = parser
        self.limitKey = limitKey
        self.loop = loop
        phaseStart = loop.now
        acceptedAt = loop.now
        lastWriteProgress = loop.now
        updateDeadline()
    }

    // MARK: Entry points from the loop

    /// Handles readiness reported by epoll.
    func handleEvent(_ flags: EpollFlags) {
        guard !closed else { return }
        if lingering {
            discardInput()
            return
        }
        if !output.isEmpty && !flags.isDisjoint(with: [.writable, .error, .hangUp]) {
            flush()
            guard !closed else { return }
        }
        let hungUp = !flags.isDisjoint(with: [.readHangUp, .hangUp, .error])
        if flags.contains(.readable) || hungUp || readPaused {
            readAvailable(untilEnd: hungUp)
        } else {
            processRequests()
        }
        settle()
    }

    /// Writes the response a worker produced for the in-flight request, then resumes reading and parsing.
    func completeWork(with response: HTTPResponse) {
        guard !closed, let plan = inFlight else { return }
        inFlight = nil
        enqueue(response, plan: plan)
        if readPaused {
            readAvailable(untilEnd: false)
        } else {
            processRequests()
        }
        settle()
    }

    /// Called when `deadline` has passed.
    func handleTimeout() {
        guard !closed else { return }
        switch phase {
        case .idle, .writing, .lingering:
            close()
        case .head, .body:
            loop.core.logger.debug("Request timed out", metadata: ["phase": "\(phase)"])
            enqueue(ServerResponses.requestTimeout, plan: .closing)
            settle()
        case .processing:
            break
        }
    }

    /// Whether the connection waits for (the head of) a request with nothing under way, so closing it loses no work.
    var awaitsRequest: Bool {
        !closed && !lingering && !closeAfterFlush && inFlight == nil && output.isEmpty && (phase == .idle || phase == .head)
    }

    /// Shutdown began: idle connections close now; the others finish their current request and then close.
    func beginDraining() {
        guard !closed else { return }
        settle()
    }

    /// Closes at once (end of the grace period, or shed to make room for another client).
    func forceClose() {
        close()
    }

    // MARK: Requests and responses

    /// Records that the current request went to the worker pool.
    func markInFlight(_ plan: ResponsePlan) {
        inFlight = plan
    }

    /// Serializes `response` into the output queue (head and small body in one buffer).
    func enqueue(_ response: HTTPResponse, plan: ResponsePlan) {
        let keepAlive = plan.keepAlive && !loop.isDraining && !response.asksToClose
        let bodyAllowed = !response.status.forbidsBody
        let sendsBody = bodyAllowed && !plan.omitsBody
        let body = response.body
        let connectionHeader: ResponseHeadWriter.ConnectionHeader = keepAlive ? (plan.isHTTP10 ? .keepAlive : .none) : .close
        output.append { buffer in
            ResponseHeadWriter.write(
                response, contentLength: bodyAllowed ? body.count : nil, connection: connectionHeader,
                date: loop.dateCache.bytes, into: &buffer
            )
            if sendsBody && body.count <= OutputQueue.inlineBodyLimit {
                buffer.append(contentsOf: body)
            }
        }
        if sendsBody && body.count > OutputQueue.inlineBodyLimit {
            output.append(shared: body)
        }
        if !keepAlive { closeAfterFlush = true }
    }

    /// Parses and dispatches buffered requests until one is in flight, output backs up, or input runs out.
    private func processRequests() {
        while !closed && inFlight == nil && !closeAfterFlush && output.pendingBytes < Self.outputHighWater {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next()
            } catch {
                loop.core.logger.debug("Rejecting malformed request", metadata: ["error": "\(error)"])
                enqueue(ServerResponses.response(for: error), plan: .closing)
                return
            }
            switch event {
            case nil:
                return
            case .expectContinue:
                output.append { $0.append(contentsOf: ServerResponses.continueLine) }
            case .request(let request):
                requestCount += 1
                loop.dispatch(request, from: self)
            }
        }
    }

    // MARK: I/O

    /// Reads chunk by chunk, parsing after each, until the socket is drained (a short read, unless
    /// `untilEnd`), the peer closed, or requests cannot progress and enough input is buffered.
    private func readAvailable(untilEnd: Bool) {
        while !closed && !closeAfterFlush {
            let blocked = inFlight != nil || output.pendingBytes >= Self.outputHighWater
            if blocked && parser.bufferedByteCount >= Self.readAheadLimit {
                readPaused = true
                return
            }
            readPaused = false
            switch SocketIO.read(id.descriptor, into: loop.readBuffer) {
            case .bytes(let count):
                parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count]))
                processRequests()
                if count < loop.readBuffer.count && !untilEnd { return }
            case .endOfFile:
                peerClosed = true
                processRequests()
                return
            case .wouldBlock:
                return
            case .failed(let error):
                loop.core.logger.debug("Connection failed while reading", metadata: ["error": "\(error)"])
                close()
                return
            }
        }
    }

    /// Writes as much pending output as the socket takes.
    private func flush() {
        while !output.isEmpty {
            let result = output.withIOVectors { SocketIO.write(id.descriptor, vectors: $0) }
            switch result {
            case .written(let count):
                output.consume(count)
                lastWriteProgress = loop.now
            case .wouldBlock:
                writeBlocked = true
                return
            case .failed(let error):
                loop.core.logger.debug("Connection failed while writing", metadata: ["error": "\(error)"])
                close()
                return
            }
        }
        writeBlocked = false
        if closeAfterFlush && !lingering { startLingering() }
    }

    /// After the last response: send FIN, then read and discard until the client closes or the linger
    /// timeout, so unread input does not turn the close into a reset that destroys the response.
    private func startLingering() {
        lingering = true
        SocketIO.shutdownWrite(id.descriptor)
        discardInput()
    }

    private func discardInput() {
        for _ in 0..<Self.lingerReadsPerEvent {
            switch SocketIO.read(id.descriptor, into: loop.readBuffer) {
            case .bytes:
                continue
            case .endOfFile, .failed:
                close()
                return
            case .wouldBlock:
                return
            }
        }
    }

    /// Flushes, closes what is finished, and re-arms the deadline. Every entry point ends here.
    private func settle() {
        guard !closed else { return }
        if !lingering {
            flush()
            guard !closed else { return }
            let quiescent = inFlight == nil && output.isEmpty && !lingering
            if quiescent && (peerClosed || (loop.isDraining && parser.phase == .idle)) {
                close()
                return
            }
        }
        if parser.phase == .idle { parser.releaseBufferIfIdle() }
        updateDeadline()
    }

    private func updateDeadline() {
        let current: Phase
        if lingering {
            current = .lingering
        } else if writeBlocked {
            current = .writing
        } else if inFlight != nil {
            current = .processing
        } else {
            switch parser.phase {
            case .idle: current = .idle
            case .head: current = .head
            case .body: current = .body
            }
        }
        if current != phase || requestCount != requestCountAtPhaseStart {
            phase = current
            phaseStart = loop.now
            requestCountAtPhaseStart = requestCount
        }
        let timeouts = loop.timeouts
        switch phase {
        // The first request's head is due a header timeout after accept, so a socket that stays silent (or
        // trickles) is not kept for the idle timeout; later requests may idle first, as keep-alive allows.
        case .idle where requestCount == 0, .head where requestCount == 0: deadline = acceptedAt + timeouts.header
        case .idle: deadline = phaseStart + timeouts.idle
        case .head: deadline = phaseStart + timeouts.header
        case .body: deadline = phaseStart + timeouts.body
        case .processing: deadline = .max
        case .writing: deadline = lastWriteProgress + timeouts.write
        case .lingering: deadline = phaseStart + timeouts.linger
        }
    }

    private func close() {
        guard !closed else { return }
        closed = true
        loop.close(self)
    }
}
