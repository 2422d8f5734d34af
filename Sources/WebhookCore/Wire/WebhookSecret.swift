internal import Cryptography

/// A webhook's signing secret, as the customer sees it (`whsec_…`) and as receivers configure it.
///
/// `description` and `debugDescription` print only `masked`, so interpolating a secret into a log line or an
/// error message never leaks it; read `text` explicitly where the full value is needed (the create/rotate answer,
/// encryption at rest, the `token` scheme's headers).
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The prefix of generated secrets and of every `standard` secret.
    public static let prefix = "whsec_"
    /// How many key bytes the Base64 part of a `standard` secret must decode to.
    public static let standardKeyByteCounts = 24...64
    /// How many characters a caller-chosen secret for the other schemes must have.
    public static let characterCounts = 16...256

    /// The full secret text.
    public let text: String

    /// Wraps a secret that was validated or generated before, e.g. one decrypted from storage.
    public init(stored text: String) {
        self.text = text
    }

    /// Checks a caller-chosen secret against the rules of `scheme`.
    ///
    /// - `standard`: `whsec_` followed by standard Base64 (padding optional, as Standard Webhooks libraries accept)
    ///   that decodes to 24–64 bytes; the decoded bytes are the HMAC key.
    /// - the other schemes: 16–256 printable ASCII characters without spaces (`!` … `~`); the UTF-8 bytes of
    ///   the whole text are the HMAC key (or the token itself).
    ///
    /// Validate again when a webhook's scheme changes: a secret fit for `token` may not be a `standard` secret.
    /// - Throws: `WebhookValidationError` on field `secret`.
    public init(validating text: String, for scheme: SignatureScheme) throws(WebhookValidationError) {
        switch scheme {
        case .standard:
            guard let key = Self.standardKey(text), Self.standardKeyByteCounts.contains(key.count) else {
                throw WebhookValidationError(field: "secret", message: "must be whsec_ followed by Base64 of 24 to 64 bytes")
            }
        case .hmacSHA256, .hmacSHA256Prefixed, .timestamped, .token:
            guard Self.characterCounts.contains(text.utf8.count),
                  text.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
            else {
                throw WebhookValidationError(field: "secret", message: "must be 16 to 256 printable ASCII characters without spaces")
            }
        }
        self.text = text
    }

    /// A fresh random secret, `whsec_` + standard Base64 of 24 random bytes (38 characters, 192 bits).
    ///
    /// The same format serves every scheme: for `standard` the key is the 24 decoded bytes, for the others the
    /// whole 38-character text, so a webhook can switch schemes without a new secret.
    public static func generate() -> WebhookSecret {
        WebhookSecret(stored: prefix + Base64.encode(SecureRandom.bytes(24)))
    }

    /// The secret with every character hidden, for listings and logs: `whsec_••••••••` for `whsec_` secrets (the
    /// prefix every generated secret shares says nothing about this one), `••••••••` otherwise.
    public var masked: String {
        (text.hasPrefix(Self.prefix) ? Self.prefix : "") + WebhookHeader.maskedValue
    }

    /// The HMAC-SHA256 key for `scheme`.
    ///
    /// `standard`: the bytes the Base64 after `whsec_` decodes to (Standard Webhooks / Svix). A stored secret that
    /// is not of that form (only possible if it was never validated for `standard`) falls back to its UTF-8 bytes.
    /// Every other scheme: the UTF-8 bytes of the whole text, as the seeds' verifiers use it.
    public func hmacKey(for scheme: SignatureScheme) -> [UInt8] {
        if scheme == .standard, let key = Self.standardKey(text) {
            return key
        }
        return Array(text.utf8)
    }

    /// The masked secret; never the full text.
    public var description: String { masked }

    /// The masked secret; never the full text.
    public var debugDescription: String { "WebhookSecret(\(masked))" }

    /// The bytes the Base64 after `whsec_` decodes to (padded or not), or `nil`.
    private static func standardKey(_ text: String) -> [UInt8]? {
        guard text.hasPrefix(prefix) else { return nil }
        let encoded = text.dropFirst(prefix.count)
        let padding = String(repeating: "=", count: (4 - encoded.utf8.count % 4) % 4)
        guard let key = Base64.decode(encoded + padding), !key.isEmpty else { return nil }
        return key
    }
}
