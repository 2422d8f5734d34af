/// Generates short random request ids (12 base-32 characters, 60 bits) without a system call per id.
/// A splitmix64 sequence seeded from the system generator; owned by one event-loop thread.
struct RequestIDGenerator {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    private var state: UInt64

    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// A new id such as `"k3x9q0m2c7vd"` (fits Swift's small-string storage: no allocation).
    mutating func next() -> String {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return String(unsafeUninitializedCapacity: 12) { buffer in
            for index in 0..<12 {
                buffer[index] = Self.alphabet[Int((mixed >> (UInt64(index) * 5)) & 31)]
            }
            return 12
        }
    }
}
