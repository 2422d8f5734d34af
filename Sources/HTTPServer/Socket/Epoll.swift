internal import Glibc

/// Readiness flags of `struct epoll_event` (Linux ABI values).
struct EpollFlags: OptionSet, Sendable {
    let rawValue: UInt32

    static let readable = EpollFlags(rawValue: 0x001)
    static let writable = EpollFlags(rawValue: 0x004)
    static let error = EpollFlags(rawValue: 0x008)
    static let hangUp = EpollFlags(rawValue: 0x010)
    static let readHangUp = EpollFlags(rawValue: 0x2000)
    static let exclusive = EpollFlags(rawValue: 1 << 28)
    static let edgeTriggered = EpollFlags(rawValue: 1 << 31)
}

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

/// Storage for the events returned by `epoll_wait`.
///
/// `struct epoll_event` is packed on x86_64 (12 bytes, `data` at offset 4) and naturally aligned elsewhere
/// (16 bytes, `data` at offset 8), so entries are read with unaligned loads at the right offsets.
final class EpollEventBuffer {
    #if arch(x86_64)
    static let stride = 12
    static let dataOffset = 4
    #else
    static let stride = 16
    static let dataOffset = 8
    #endif

    let capacity: Int
    let storage: UnsafeMutableRawPointer

    init(capacity: Int) {
        self.capacity = capacity
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity * Self.stride, alignment: 8)
    }

    deinit {
        storage.deallocate()
    }

    /// The flags of event `index`.
    func flags(at index: Int) -> EpollFlags {
        EpollFlags(rawValue: storage.loadUnaligned(fromByteOffset: index * Self.stride, as: UInt32.self))
    }

    /// The registration data of event `index`.
    func data(at index: Int) -> UInt64 {
        storage.loadUnaligned(fromByteOffset: index * Self.stride + Self.dataOffset, as: UInt64.self)
    }

    /// One `struct epoll_event` laid out for this architecture (16 bytes are enough on every one).
    static func encode(flags: EpollFlags, data: UInt64) -> (UInt64, UInt64) {
        var event: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: flags.rawValue, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: data, toByteOffset: dataOffset, as: UInt64.self)
        }
        return event
    }
}
