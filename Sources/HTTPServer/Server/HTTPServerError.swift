/// Why the server could not start.
public enum HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// `start()` was called on a server that was already started (or stopped).
    case alreadyStarted
    /// A socket, epoll or eventfd call failed.
    case socket(SocketError)
    /// `pthread_create` failed with this error number.
    case threadCreation(errno: Int32)

    /// A sentence describing the failure.
    public var description: String {
        switch self {
        case .alreadyStarted: return "The server was already started"
        case .socket(let error): return error.description
        case .threadCreation(let errno): return "pthread_create failed (errno \(errno))"
        }
    }
}
