internal import Glibc

/// One epoll instance. The descriptor is created in `init` and closed exactly once by `close()`.
final class Epoll: Sendable {
    private static let controlAdd: Int32 = 1
    private static let controlDelete: Int32 = 2

    /// The epoll descriptor.
    let descriptor: Int32

    init() throws(SocketError) {
        let fd = LinuxFunctions.epollCreate1(O_CLOEXEC)
        guard fd >= 0 else { throw SocketError.lastError(of: "epoll_create1") }
        descriptor = fd
    }

    /// Registers `fd` for `flags`; `data` comes back with every event of that descriptor.
    func add(_ fd: Int32, flags: EpollFlags, data: UInt64) throws(SocketError) {
        var event = EpollEventBuffer.encode(flags: flags, data: data)
        let result = withUnsafeMutableBytes(of: &event) { raw in
            LinuxFunctions.epollCtl(descriptor, Self.controlAdd, fd, raw.baseAddress)
        }
        guard result == 0 else { throw SocketError.lastError(of: "epoll_ctl(ADD)") }
    }

    /// Removes `fd` from the interest list.
    func remove(_ fd: Int32) throws(SocketError) {
        var event = EpollEventBuffer.encode(flags: [], data: 0)
        let result = withUnsafeMutableBytes(of: &event) { raw in
            LinuxFunctions.epollCtl(descriptor, Self.controlDelete, fd, raw.baseAddress)
        }
        guard result == 0 else { throw SocketError.lastError(of: "epoll_ctl(DEL)") }
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and fills `buffer`; returns the event count.
    /// An interrupted wait (`EINTR`) returns 0.
    func wait(into buffer: EpollEventBuffer, timeoutMilliseconds: Int32) throws(SocketError) -> Int {
        let count = LinuxFunctions.epollWait(descriptor, buffer.storage, Int32(buffer.capacity), timeoutMilliseconds)
        if count >= 0 { return Int(count) }
        if Glibc.errno == EINTR { return 0 }
        throw SocketError.lastError(of: "epoll_wait")
    }

    /// Closes the descriptor. Called once, after the thread that waited on it has exited.
    func close() {
        _ = Glibc.close(descriptor)
    }
}
