import Cryptography

/// Makes portal link tokens: `ptl_` and 43 base64url characters of 256 random bits. Only the SHA-256 of a token
/// (of its whole text, prefix included) is stored.
public enum PortalToken {
    /// The prefix every token starts with.
    public static let prefix = "ptl_"
    static let randomByteCount = 32

    /// A fresh random token.
    static func generate() -> String {
        prefix + Base64.encodeURL(SecureRandom.bytes(randomByteCount))
    }

    /// The stored hash of a token.
    static func hash(_ token: String) -> [UInt8] {
        SHA256.hash(Array(token.utf8))
    }

    /// Whether `token` has the shape of a token this service issues, so malformed input costs no database query.
    static func isWellFormed(_ token: String) -> Bool {
        guard token.hasPrefix(prefix), token.utf8.count == prefix.utf8.count + 43 else { return false }
        return Base64.decodeURL(token.dropFirst(prefix.count))?.count == randomByteCount
    }
}
