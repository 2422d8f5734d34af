import Cryptography

/// Makes API keys: `sk_` and 43 base64url characters of 256 random bits. Only the SHA-256 of a key is stored.
public enum APIKeyGenerator {
    /// The prefix every key starts with.
    public static let prefix = "sk_"

    /// A fresh random key.
    public static func generate() -> String {
        prefix + Base64.encodeURL(SecureRandom.bytes(32))
    }

    /// The key derived from `seed` (used for the demo key, so `demo` can print the same key every time).
    static func derive(from seed: [UInt8], label: String) -> String {
        prefix + Base64.encodeURL(HMACSHA256.authenticate(Array(label.utf8), key: seed))
    }

    /// The stored hash of a key.
    public static func hash(_ key: String) -> [UInt8] {
        SHA256.hash(Array(key.utf8))
    }

    /// Whether `key` has the shape of a key this service issues (`sk_` and 32 bytes in base64url), so malformed
    /// input costs no database query.
    static func isWellFormed(_ key: String) -> Bool {
        guard key.hasPrefix(prefix), key.utf8.count == prefix.utf8.count + 43 else { return false }
        return Base64.decodeURL(key.dropFirst(prefix.count))?.count == 32
    }
}
