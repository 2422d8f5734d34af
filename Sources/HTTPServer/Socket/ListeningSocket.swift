internal import Glibc

/// A non-blocking TCP listening socket. Created by `bind(host:port:backlog:)`, closed exactly once by `close()`.
final class ListeningSocket: Sendable {
    /// An accepted connection: a non-blocking, close-on-exec descriptor, the peer's numeric host, and what a
    /// per-address limit counts it under (`SocketAddress.limitKey(of:)`).
    struct Accepted {
        let descriptor: Int32
        let remoteAddress: String
        let limitKey: String
    }

    /// The outcome of one `accept4`.
    enum AcceptResult {
        case accepted(Accepted)
        /// No pending connection (`EAGAIN`).
        case wouldBlock
        /// The connection died in the backlog, or a signal interrupted: try again.
        case retry
        /// Out of descriptors or memory: pause accepting for a moment.
        case exhausted(SocketError)
        /// Any other failure.
        case failed(SocketError)
    }

    /// The listening descriptor.
    let descriptor: Int32
    /// The bound port (the kernel's choice when 0 was asked for).
    let port: Int

    private init(descriptor: Int32, port: Int) {
        self.descriptor = descriptor
        self.port = port
    }

    /// Resolves `host`, creates a socket with `SO_REUSEADDR`, binds and listens.
    static func bind(host: String, port: Int, backlog: Int) throws(SocketError) -> ListeningSocket {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else {
            throw SocketError(call: "getaddrinfo(\(host))", errno: status, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.lastError(of: "socket") }
        do throws(SocketError) {
            var one: Int32 = 1
            guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw SocketError.lastError(of: "setsockopt(SO_REUSEADDR)")
            }
            guard Glibc.bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                throw SocketError.lastError(of: "bind")
            }
            guard listen(fd, Int32(clamping: backlog)) == 0 else {
                throw SocketError.lastError(of: "listen")
            }
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let named = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0 else { throw SocketError.lastError(of: "getsockname") }
            return ListeningSocket(descriptor: fd, port: SocketAddress.port(of: &storage))
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Accepts one pending connection as non-blocking, with `TCP_NODELAY` set.
    func accept() -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                LinuxFunctions.accept4(descriptor, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
            }
        }
        guard fd >= 0 else {
            let error = SocketError.lastError(of: "accept4")
            switch error.errno {
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EINTR, ECONNABORTED, EPROTO, EPERM: return .retry
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted(error)
            default: return .failed(error)
            }
        }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return .accepted(Accepted(
            descriptor: fd, remoteAddress: SocketAddress.host(of: &storage), limitKey: SocketAddress.limitKey(of: &storage)
        ))
    }

    /// Closes the listening descriptor: new connection attempts are refused from now on.
    func close() {
        _ = Glibc.close(descriptor)
    }
}
