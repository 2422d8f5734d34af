internal import COpenSSL

/// HMAC with SHA-256 (RFC 2104, FIPS 198-1), e.g. for signing webhook deliveries.
///
/// Thread-safe: every call uses its own short-lived MAC context; the HMAC algorithm itself is fetched once.
public enum HMACSHA256 {
    /// The authentication tag length in bytes.
    public static let tagLength = 32

    /// The HMAC implementation, fetched once and shared; fetched algorithms are immutable and thread-safe.
    private nonisolated(unsafe) static let algorithm: OpaquePointer = {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else {
            fatalError("HMACSHA256: OpenSSL provides no HMAC")
        }
        return mac
    }()

    /// Returns the 32-byte HMAC-SHA256 tag of `message` under `key` (any key length is allowed).
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        guard let context = EVP_MAC_CTX_new(algorithm) else {
            fatalError("HMACSHA256: OpenSSL EVP_MAC_CTX_new failed")
        }
        defer { EVP_MAC_CTX_free(context) }
        var tag = [UInt8](repeating: 0, count: tagLength)
        var tagCount = 0
        // OSSL_PARAM stores the C-string pointers, so both must outlive EVP_MAC_init: hence the explicit scopes.
        let succeeded = OSSL_MAC_PARAM_DIGEST.withCString { parameterName in
            "SHA256".withCString { digestName in
                let parameters = [
                    OSSL_PARAM_construct_utf8_string(parameterName, UnsafeMutablePointer(mutating: digestName), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_MAC_init(context, key, key.count, parameters) == 1
                    && EVP_MAC_update(context, message, message.count) == 1
                    && EVP_MAC_final(context, &tag, &tagCount, tagLength) == 1
            }
        }
        guard succeeded, tagCount == tagLength else {
            fatalError("HMACSHA256: OpenSSL HMAC computation failed")
        }
        return tag
    }

    /// Returns the 32-byte HMAC-SHA256 tag of the UTF-8 encoding of `message` under the UTF-8 encoding of `key`.
    public static func authenticate(_ message: some StringProtocol, key: some StringProtocol) -> [UInt8] {
        authenticate(Array(message.utf8), key: Array(key.utf8))
    }
}
