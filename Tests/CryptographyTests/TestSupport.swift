import Cryptography
import Testing

/// Decodes a hex test vector, failing the test if the literal itself is malformed.
func bytes(hex: String) throws -> [UInt8] {
    try #require(Hex.decode(hex))
}

/// The UTF-8 bytes of an ASCII test vector.
func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}
