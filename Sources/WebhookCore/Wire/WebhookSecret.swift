internal import Cryptography

/// A webhook's signing secret, as the customer sees it (`whsec_…`) and as receivers configure it; for
/// `standard-ed25519`, the private key (`whsk_…`, Standard Webhooks' form: Base64 of the 32-byte RFC 8032 seed),
/// whose public key (`whpk_…`) is what receivers configure.
///
/// `description` and `debugDescription` print only `masked`, so interpolating a secret into a log line or an
/// error message never leaks it; read `text` explicitly where the full value is needed (the create/rotate answer,
/// encryption at rest, the `token` scheme's headers).
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The prefix of generated secrets and of every `standard` secret.
    public static let prefix = "whsec_"
    /// The prefix of a `standard-ed25519` private key (Standard Webhooks' `whsk_`).
    public static let privateKeyPrefix = "whsk_"
    /// The prefix of a `standard-ed25519` public key (Standard Webhooks' `whpk_`).
    public static let publicKeyPrefix = "whpk_"
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
    /// - `standard-ed25519`: `whsk_` followed by standard Base64 (padding optional) of a 32-byte private key.
    /// - the other schemes: 16–256 printable ASCII characters without spaces (`!` … `~`); the UTF-8 bytes of
    ///   the whole text are the HMAC key (or the token itself). A `whsk_` text is refused there: a private key
    ///   must never turn into a shared secret or a token sent in a header.
    ///
    /// Validate again when a webhook's scheme changes: a secret fit for `token` may not be a `standard` secret.
    /// - Throws: `WebhookValidationError` on field `secret`.
    public init(validating text: String, for scheme: SignatureScheme) throws(WebhookValidationError) {
        switch scheme {
        case .standard:
            guard let key = Self.standardKey(text), Self.standardKeyByteCounts.contains(key.count) else {
                throw WebhookValidationError(field: "secret", message: "must be whsec_ followed by Base64 of 24 to 64 bytes")
            }
        case .standardEd25519:
            guard Self.signingKey(text) != nil else {
                throw WebhookValidationError(field: "secret", message: "must be whsk_ followed by Base64 of a 32-byte ed25519 private key")
            }
        case .hmacSHA256, .hmacSHA256Prefixed, .timestamped, .token:
            guard Self.characterCounts.contains(text.utf8.count),
                  text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }), !text.hasPrefix(Self.privateKeyPrefix)
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

    /// A fresh secret for `scheme`: a new ed25519 private key (`whsk_` + Base64 of 32 bytes, made by libcrypto)
    /// for `standard-ed25519`, ``generate()`` for the others.
    public static func generate(for scheme: SignatureScheme) -> WebhookSecret {
        guard scheme == .standardEd25519 else { return generate() }
        return WebhookSecret(stored: privateKeyPrefix + Base64.encode(Ed25519.PrivateKey.generate().rawRepresentation))
    }

    /// Whether this secret can sign with `scheme`: a `whsk_` private key for `standard-ed25519` and only there.
    public func fits(_ scheme: SignatureScheme) -> Bool {
        (try? WebhookSecret(validating: text, for: scheme)) != nil
    }

    /// For a `whsk_` private key, its public key as receivers configure it: `whpk_` + Base64 of the 32 raw
    /// bytes (padded, as Standard Webhooks' libraries write it); `nil` for every other secret.
    public var publicKey: String? {
        Self.signingKey(text).map { Self.publicKeyPrefix + Base64.encode($0.publicKey.rawRepresentation) }
    }

    /// The secret with every character hidden, for listings and logs: `whsec_••••••••` for `whsec_` secrets and
    /// `whsk_••••••••` for private keys (the prefix every generated one shares says nothing about this one),
    /// `••••••••` otherwise.
    public var masked: String {
        let shownPrefix = [Self.prefix, Self.privateKeyPrefix].first { text.hasPrefix($0) } ?? ""
        return shownPrefix + WebhookHeader.maskedValue
    }

    /// The ed25519 private key of a `whsk_` secret, or `nil`.
    func signingKey() -> Ed25519.PrivateKey? {
        Self.signingKey(text)
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
        decoded(text, after: prefix)
    }

    /// The private key the Base64 after `whsk_` decodes to, or `nil` unless that is 32 bytes.
    private static func signingKey(_ text: String) -> Ed25519.PrivateKey? {
        decoded(text, after: privateKeyPrefix).flatMap { try? Ed25519.PrivateKey(rawRepresentation: $0) }
    }

    /// The bytes the Base64 after `prefix` decodes to (padded or not), or `nil`.
    private static func decoded(_ text: String, after prefix: String) -> [UInt8]? {
        guard text.hasPrefix(prefix) else { return nil }
        let encoded = text.dropFirst(prefix.count)
        let padding = String(repeating: "=", count: (4 - encoded.utf8.count % 4) % 4)
        guard let key = Base64.decode(encoded + padding), !key.isEmpty else { return nil }
        return key
    }
}
