/// Identifies a connection within its event loop: its descriptor plus a generation, so that an event or a
/// worker completion for a closed connection is never applied to a later connection reusing the descriptor.
struct ConnectionID: Equatable, Sendable {
    let descriptor: Int32
    let generation: UInt32

    init(descriptor: Int32, generation: UInt32) {
        self.descriptor = descriptor
        self.generation = generation
    }

    /// Decodes the epoll registration data.
    init(epollData: UInt64) {
        descriptor = Int32(truncatingIfNeeded: epollData & 0xFFFF_FFFF)
        generation = UInt32(truncatingIfNeeded: epollData >> 32)
    }

    /// The epoll registration data: generation in the high half, descriptor in the low half.
    /// Generations start at 1, so connection data never equals the loop's own tags.
    var epollData: UInt64 {
        UInt64(generation) << 32 | UInt64(UInt32(bitPattern: descriptor))
    }
}
