internal import Glibc

/// An incremental HTTP/1.1 request parser over a byte buffer.
///
/// Feed it whatever arrived with `append`, then call `next()` until it returns nil (more bytes needed).
/// Several pipelined requests in one buffer come out one by one; a request split over many appends comes
/// out once complete. The head is scanned once (a resumable search for the empty line), then parsed in one go.
/// Any error is final: the parser keeps throwing it.
struct HTTPRequestParser {
    /// What `next()` found.
    enum Event {
        /// A complete request.
        case request(HTTPRequest)
        /// The head asked for `Expect: 100-continue` and its body has not arrived yet: send `100 Continue`.
        case expectContinue
    }

    /// Where the parser is within the current message.
    enum Phase: Equatable {
        /// Between messages with nothing buffered.
        case idle
        /// Some bytes of a head were received.
        case head
        /// The head is complete and the body is being received.
        case body
    }

    private enum State {
        /// Searching for the end of the head; `lineStart` is the offset (from `readerIndex`) of the first unscanned line.
        case head(lineStart: Int)
        case fixedBody(length: Int)
        case chunkedBody
        case failed(HTTPParseError)
    }

    let limits: HTTPParserLimits
    /// The client address copied into every request.
    let remoteAddress: String

    private var buffer: [UInt8] = []
    private var readerIndex = 0
    private var state = State.head(lineStart: 0)
    private var pendingHead: ParsedHead?
    private var chunkedDecoder = ChunkedBodyDecoder()
    private var continueAnnounced = false

    init(limits: HTTPParserLimits = HTTPParserLimits(), remoteAddress: String = "") {
        self.limits = limits
        self.remoteAddress = remoteAddress
    }

    /// The bytes received and not yet consumed by a returned request.
    var bufferedByteCount: Int { buffer.count - readerIndex }

    /// The position within the current message.
    var phase: Phase {
        switch state {
        case .head: return bufferedByteCount == 0 ? .idle : .head
        case .fixedBody, .chunkedBody: return .body
        case .failed: return .head
        }
    }

    /// Adds received bytes.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Adds received bytes (convenient for tests).
    mutating func append(_ bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Releases a large buffer once nothing is pending, so idle connections stay small.
    mutating func releaseBufferIfIdle() {
        if bufferedByteCount == 0 && buffer.capacity > 16 * 1024 {
            buffer = []
            readerIndex = 0
        }
    }

    /// The next complete request, a request to send `100 Continue`, or nil when more bytes are needed.
    mutating func next() throws(HTTPParseError) -> Event? {
        do throws(HTTPParseError) {
            return try advance()
        } catch {
            state = .failed(error)
            pendingHead = nil
            throw error
        }
    }

    private mutating func advance() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .head(let lineStart):
                guard let head = try scanHead(lineStart: lineStart) else { return nil }
                continueAnnounced = false
                switch head.framing {
                case .none:
                    state = .head(lineStart: 0)
                    return .request(head.request(body: [], remoteAddress: remoteAddress))
                case .length(let length):
                    guard length <= limits.maxBodyBytes else { throw .bodyTooLarge }
                    pendingHead = head
                    state = .fixedBody(length: length)
                case .chunked:
                    pendingHead = head
                    chunkedDecoder = ChunkedBodyDecoder()
                    state = .chunkedBody
                }
            case .fixedBody(let length):
                guard bufferedByteCount >= length else { return announceContinueIfNeeded() }
                let body = Array(buffer[readerIndex..<(readerIndex + length)])
                readerIndex += length
                return finishBody(body)
            case .chunkedBody:
                let limits = limits
                let readerIndex = readerIndex
                let outcome = try buffer.withUnsafeBufferPointer { (all) throws(HTTPParseError) in
                    try chunkedDecoder.decode(UnsafeBufferPointer(rebasing: all[readerIndex...]), limits: limits)
                }
                self.readerIndex += outcome.consumed
                guard outcome.complete else { return announceContinueIfNeeded() }
                let body = chunkedDecoder.body
                chunkedDecoder = ChunkedBodyDecoder()
                return finishBody(body)
            }
        }
    }

    private mutating func finishBody(_ body: [UInt8]) -> Event? {
        state = .head(lineStart: 0)
        guard let head = pendingHead else { return nil }
        pendingHead = nil
        return .request(head.request(body: body, remoteAddress: remoteAddress))
    }

    private mutating func announceContinueIfNeeded() -> Event? {
        guard pendingHead?.expectsContinue == true, !continueAnnounced else { return nil }
        continueAnnounced = true
        return .expectContinue
    }

    /// Looks for the empty line ending the head, resuming where the previous call stopped.
    private mutating func scanHead(lineStart: Int) throws(HTTPParseError) -> ParsedHead? {
        if lineStart == 0 {
            // RFC 9112 §2.2: ignore empty lines received before the request line.
            while readerIndex < buffer.count && (buffer[readerIndex] == ASCII.carriageReturn || buffer[readerIndex] == ASCII.lineFeed) {
                readerIndex += 1
            }
        }
        let start = readerIndex
        var nextLine = lineStart
        let headEnd: Int? = buffer.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return nil }
            while start + nextLine < all.count {
                let from = start + nextLine
                guard let found = memchr(base + from, Int32(ASCII.lineFeed), all.count - from) else { return nil }
                let lineFeed = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let lineLength = lineFeed - from
                if nextLine > 0 && (lineLength == 0 || (lineLength == 1 && all[from] == ASCII.carriageReturn)) {
                    return lineFeed + 1
                }
                nextLine = lineFeed + 1 - start
            }
            return nil
        }
        guard let headEnd else {
            state = .head(lineStart: nextLine)
            if bufferedByteCount > limits.maxHeaderBytes {
                throw nextLine == 0 ? .targetTooLong : .headersTooLarge
            }
            return nil
        }
        guard headEnd - start <= limits.maxHeaderBytes else { throw .headersTooLarge }
        let head = try buffer.withUnsafeBufferPointer { (all) throws(HTTPParseError) in
            try HTTPHeadParser.parse(UnsafeBufferPointer(rebasing: all[start..<headEnd]), limits: limits)
        }
        readerIndex = headEnd
        return head
    }

    /// Drops consumed bytes before appending, when that is cheap relative to what stays.
    private mutating func compact() {
        guard readerIndex > 0 else { return }
        if readerIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readerIndex = 0
        } else if readerIndex >= 4096 || readerIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readerIndex)
            readerIndex = 0
        }
    }
}
