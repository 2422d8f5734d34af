import Foundation
import Glibc

/// A request as the test receiver read it off the wire.
struct ReceivedRequest: Sendable {
    let method: String
    let target: String
    let headers: [(String, String)]
    let body: [UInt8]
    /// When the whole request had been read.
    let receivedAt: ContinuousClock.Instant

    /// The first header with this name, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// What the test receiver answers.
struct CannedResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// How long to wait before answering.
    var delay: Duration = .zero
}

/// A minimal blocking HTTP/1.1 server on 127.0.0.1 with a kernel-chosen port: one thread accepts, one thread
/// per connection reads requests (Content-Length bodies only) and answers with keep-alive. It counts accepted
/// connections and records every request.
final class TestReceiver: Sendable {
    let port: UInt16
    private let listener: Int32
    private let respond: @Sendable (ReceivedRequest) -> CannedResponse
    private let state = Locked(State())

    private struct State {
        var acceptedConnections = 0
        var requests: [ReceivedRequest] = []
        var activeRequests = 0
        var mostActiveRequests = 0
        var openConnections: Set<Int32> = []
        var stopped = false
        var listenerClosed = false
    }

    struct SetupError: Error {
        let step: String
    }

    /// Starts listening; `respond` runs on connection threads.
    init(respond: @escaping @Sendable (ReceivedRequest) -> CannedResponse = { _ in CannedResponse(status: 200) }) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw SetupError(step: "socket") }
        guard let port = bindToLoopback(listener), listen(listener, 512) == 0 else {
            close(listener)
            throw SetupError(step: "bind/listen")
        }
        self.port = port
        self.listener = listener
        self.respond = respond
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// The base URL, such as `http://127.0.0.1:40123`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// TCP connections accepted so far.
    var acceptedConnections: Int { state.withLock { $0.acceptedConnections } }

    /// Requests received so far, in arrival order.
    var requests: [ReceivedRequest] { state.withLock { $0.requests } }

    /// The most requests that were being handled at once (read, not yet answered), over all connections.
    var mostConcurrentRequests: Int { state.withLock { $0.mostActiveRequests } }

    /// Waits until at least `count` requests have arrived or `limit` has passed; returns the requests.
    @discardableResult
    func waitForRequests(_ count: Int, limit: Duration = .seconds(10)) -> [ReceivedRequest] {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let received = requests
            if received.count >= count { return received }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return requests
    }

    /// Stops accepting and ends every open connection; threads close their own sockets. Sockets are shut down
    /// and closed only under the lock, so a descriptor number reused elsewhere in the process is never touched.
    func stop() {
        state.withLock { state in
            state.stopped = true
            if !state.listenerClosed { shutdown(listener, Int32(SHUT_RDWR)) }
            for connection in state.openConnections { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        defer {
            state.withLock { state in
                state.listenerClosed = true
                close(listener)
            }
        }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else {
                    close(connection)
                    return false
                }
                state.acceptedConnections += 1
                state.openConnections.insert(connection)
                return true
            }
            guard accepted else { return }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            state.withLock { state in
                state.openConnections.remove(connection)
                close(connection)
            }
        }
        var buffer: [UInt8] = []
        while let request = readRequest(connection, buffer: &buffer) {
            state.withLock { state in
                state.requests.append(request)
                state.activeRequests += 1
                state.mostActiveRequests = max(state.mostActiveRequests, state.activeRequests)
            }
            let response = respond(request)
            if response.delay > .zero { Thread.sleep(forTimeInterval: seconds(response.delay)) }
            // Done before the answer leaves, so a client reacting to it can never be counted twice.
            state.withLock { $0.activeRequests -= 1 }
            guard write(response, to: connection) else { return }
        }
    }

    private func readRequest(_ connection: Int32, buffer: inout [UInt8]) -> ReceivedRequest? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            if let end = buffer.firstRange(of: separator)?.lowerBound {
                headEnd = end
                break
            }
            guard receive(connection, into: &buffer) else { return nil }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: buffer[..<headEnd], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines.first.map { $0.split(separator: " ") } ?? []
        guard requestLine.count == 3 else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let bodyStart = headEnd + separator.count
        while buffer.count < bodyStart + length {
            guard receive(connection, into: &buffer) else { return nil }
        }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return ReceivedRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body,
                               receivedAt: .now)
    }

    private func receive(_ connection: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var count = -1
        repeat {
            count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        } while count < 0 && errno == EINTR
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    private func write(_ response: CannedResponse, to connection: Int32) -> Bool {
        var head = "HTTP/1.1 \(response.status) Canned\r\nContent-Length: \(response.body.count)\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + response.body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    private func seconds(_ duration: Duration) -> TimeInterval {
        let (whole, fraction) = duration.components
        return TimeInterval(whole) + TimeInterval(fraction) / 1e18
    }
}

/// Binds a TCP socket to 127.0.0.1 on a kernel-chosen port and returns the port.
private func bindToLoopback(_ descriptor: Int32) -> UInt16? {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard bound == 0, named == 0 else { return nil }
    return UInt16(bigEndian: address.sin_port)
}

/// A TCP port on 127.0.0.1 that is bound but not listening, so connecting to it is refused,
/// and no other process can take it while the test runs.
final class ClosedPort {
    let port: UInt16
    private let descriptor: Int32

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0, let port = bindToLoopback(descriptor) else {
            if descriptor >= 0 { close(descriptor) }
            throw TestReceiver.SetupError(step: "bind")
        }
        self.port = port
    }

    deinit { close(descriptor) }
}

/// A value behind an `NSLock` (a pthread mutex, which ThreadSanitizer understands).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
