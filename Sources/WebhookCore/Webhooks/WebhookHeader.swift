/// A custom static header sent with every delivery of a webhook.
///
/// A sensitive header (a credential by name, see ``isCredential(name:)``, or marked by its owner) is kept sealed at
/// rest: once stored, its ``sealedValue`` holds the value encrypted with ``SecretCipher`` and ``value`` is empty.
/// Answers show it as ``maskedValue``; only the dispatcher opens it, to send it.
public struct WebhookHeader: Sendable, Equatable {
    /// The field name, as given.
    public let name: String
    /// The field value in clear; empty once the value is sealed.
    public let value: String
    /// The value encrypted for storage (``SecretCipher``, the webhook's id as associated data), or `nil`.
    public let sealedValue: [UInt8]?
    /// Whether the value is a credential: sealed at rest and masked on every read.
    public let isSensitive: Bool

    /// A header with its value in clear.
    public init(name: String, value: String, isSensitive: Bool = false) {
        self.name = name
        self.value = value
        sealedValue = nil
        self.isSensitive = isSensitive
    }

    /// A sensitive header whose value is sealed.
    public init(name: String, sealedValue: [UInt8]) {
        self.name = name
        value = ""
        self.sealedValue = sealedValue
        isSensitive = true
    }
}
