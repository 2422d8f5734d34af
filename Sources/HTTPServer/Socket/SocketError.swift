internal import Glibc

/// A failed operating-system call of the socket layer (socket, bind, epoll, eventfd, accept, ...),
/// carrying the name of the call and the `errno` it reported.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name of the C function that failed, for example `"bind"`.
    public let call: String
    /// The error number the call reported (`errno`, or the return code for calls that return it).
    public let errno: Int32
    /// A human-readable explanation of `errno`.
    public let message: String

    /// Creates an error for `call` that failed with `errno`.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
        self.message = String(cString: strerror(errno))
    }

    /// Creates an error for `call` with an explicit message (used for `getaddrinfo`, which has its own codes).
    public init(call: String, errno: Int32, message: String) {
        self.call = call
        self.errno = errno
        self.message = message
    }

    /// `"<call> failed: <message> (errno <n>)"`.
    public var description: String {
        "\(call) failed: \(message) (errno \(errno))"
    }

    /// The error for `call` built from the calling thread's current `errno`.
    static func lastError(of call: String) -> SocketError {
        SocketError(call: call, errno: Glibc.errno)
    }
}
