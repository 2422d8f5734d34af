#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for file descriptors to become readable with `poll(2)`.
enum SocketPoll {
    /// Waits until at least one descriptor is readable, hung up or in error, or until
    /// `timeout` passes, and tells which descriptors are. A wait interrupted by a signal
    /// reports none.
    static func readable(_ descriptors: [Int32], timeout: Duration) -> [Bool] {
        var entries = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&entries, nfds_t(entries.count), milliseconds(timeout))
        return entries.map { ready > 0 && $0.revents != 0 }
    }

    /// `timeout` in whole milliseconds, rounded up so a wait never ends early, and clamped
    /// to what `poll` accepts.
    private static func milliseconds(_ timeout: Duration) -> Int32 {
        guard timeout > .zero else { return 0 }
        return Int32(min((timeout / .milliseconds(1)).rounded(.up), Double(Int32.max)))
    }
}
