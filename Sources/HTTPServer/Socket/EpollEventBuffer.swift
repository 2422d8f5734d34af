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
