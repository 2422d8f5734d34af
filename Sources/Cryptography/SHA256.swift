internal import COpenSSL

/// SHA-256 message digest (FIPS 180-4).
public enum SHA256 {
    /// The digest length in bytes.
    public static let digestLength = 32

    /// The SHA-256 implementation, fetched once and shared; fetched algorithms are immutable and thread-safe.
    private nonisolated(unsafe) static let algorithm: OpaquePointer = {
        guard let digest = EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("SHA256: OpenSSL provides no SHA-256")
        }
        return digest
    }()

    /// Returns the 32-byte SHA-256 digest of `data`.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: digestLength)
        guard EVP_Digest(data, data.count, &digest, nil, algorithm, nil) == 1 else {
            fatalError("SHA256: OpenSSL EVP_Digest failed")
        }
        return digest
    }

    /// Returns the 32-byte SHA-256 digest of the UTF-8 encoding of `string`.
    public static func hash(_ string: some StringProtocol) -> [UInt8] {
        hash(Array(string.utf8))
    }
}
