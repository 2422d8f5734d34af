internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's CSPRNG.
public enum SecureRandom {
    /// Returns `count` cryptographically secure random bytes.
    ///
    /// A failure of the system CSPRNG is unrecoverable, so it stops the process with `fatalError`.
    /// - Precondition: `0 <= count <= Int32.max`.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition((0...Int(Int32.max)).contains(count), "SecureRandom: invalid byte count \(count)")
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else {
            fatalError("SecureRandom: OpenSSL RAND_bytes failed; no secure randomness is available")
        }
        return bytes
    }
}
