internal import Glibc

/// An `eventfd` used to wake an event loop blocked in `epoll_wait` from another thread.
/// The descriptor is closed exactly once by `close()`, after every thread that signals it has stopped.
final class WakeupEvent: Sendable {
    /// The eventfd descriptor, registered for readability in the loop's epoll set.
    let descriptor: Int32

    init() throws(SocketError) {
        let fd = LinuxFunctions.eventFD(0, O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SocketError.lastError(of: "eventfd") }
        descriptor = fd
    }

    /// Makes the descriptor readable. Never blocks: a saturated counter is already readable.
    func signal() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { raw in
            Glibc.write(descriptor, raw.baseAddress, raw.count)
        }
    }

    /// Resets the counter so the descriptor stops being readable.
    func drain() {
        var value: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &value) { raw in
            Glibc.read(descriptor, raw.baseAddress, raw.count)
        }
    }

    /// Closes the descriptor.
    func close() {
        _ = Glibc.close(descriptor)
    }
}
