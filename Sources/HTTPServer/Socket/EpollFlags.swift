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
