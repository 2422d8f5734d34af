import Glibc

/// Errors of the raw test client.
enum TestClientError: Error {
    case connectFailed(errno: Int32)
    case timedOut
    case closedByPeer
    case malformedResponse(String)
}

/// A parsed response as the raw client saw it.
struct TestResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking POSIX TCP client with a receive timeout, for talking raw HTTP to the server under test.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false

    /// Connects to 127.0.0.1:`port` from `source` (another loopback address such as 127.0.0.2 plays a second
    /// client machine: Linux routes all of 127.0.0.0/8 on loopback); every read gives up after `timeoutSeconds`.
    init(port: Int, from source: String = "127.0.0.1", timeoutSeconds: Int = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.connectFailed(errno: errno) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        let bound = withUnsafePointer(to: &local) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = errno
            close() // marks it closed: deinit still runs after a throw here and must not close it again
            throw TestClientError.connectFailed(errno: error)
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            close() // marks it closed: deinit still runs after a throw here and must not close it again
            throw TestClientError.connectFailed(errno: error)
        }
    }

    deinit {
        close()
    }

    /// Whether a TCP connection to `port` is refused (nothing listens any more).
    static func isRefused(port: Int) -> Bool {
        do {
            _ = try TestClient(port: port)
            return false
        } catch TestClientError.connectFailed(let code) {
            return code == ECONNREFUSED
        } catch {
            return false
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Sends everything; returns false when the peer is gone.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool {
        send(Array(text.utf8))
    }

    /// Reads one response; the body is read by Content-Length unless `isHead` (or 1xx/204/304).
    func readResponse(isHead: Bool = false) throws -> TestResponse {
        let headEnd = try fill { buffer in
            buffer.firstRange(of: [13, 10, 13, 10]).map(\.upperBound)
        }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw TestClientError.malformedResponse(head) }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw TestClientError.malformedResponse(head)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw TestClientError.malformedResponse(head) }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: " ")))
        }
        var response = TestResponse(status: status, headers: headers, body: [])
        let noBody = isHead || status < 200 || status == 204 || status == 304
        if !noBody, let lengthText = response.header("Content-Length"), let length = Int(lengthText) {
            _ = try fill { $0.count >= length ? length : nil }
            response.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        return response
    }

    /// Whether the server has closed the connection (EOF or reset received); neither blocks nor consumes input.
    var isClosedByPeer: Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    /// Reads until the server closes the connection (EOF or reset); returns the bytes received meanwhile.
    /// Throws `timedOut` if the connection stays open.
    func readUntilClosed() throws -> [UInt8] {
        var received = buffer
        buffer = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += chunk[..<count]
            } else if count == 0 || errno == ECONNRESET {
                return received
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw TestClientError.timedOut
            } else if errno != EINTR {
                return received
            }
        }
    }

    /// Reads into the buffer until `complete` returns a value.
    private func fill<T>(until complete: ([UInt8]) -> T?) throws -> T {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let value = complete(buffer) { return value }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer += chunk[..<count]
            } else if count == 0 || errno == ECONNRESET {
                throw TestClientError.closedByPeer
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw TestClientError.timedOut
            } else if errno != EINTR {
                throw TestClientError.closedByPeer
            }
        }
    }
}

private extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
