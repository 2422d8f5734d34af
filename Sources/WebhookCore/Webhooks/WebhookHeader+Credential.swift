public import Foundation

/// Which custom headers carry credentials, and how they are shown, sealed and opened.
extension WebhookHeader {
    /// What every read shows in place of a sensitive value; sent back unchanged in a PUT or PATCH, it keeps the
    /// stored value.
    public static let maskedValue = "••••••••"

    /// Whether a header named `name` carries a credential by its name alone: `Authorization`, `Cookie`, or a name
    /// ending in `-Token`, `-Key` or `-Secret` (case-insensitive). The one rule for webhooks' custom headers and
    /// for anything that shows request headers.
    public static func isCredential(name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "authorization" || lower == "cookie"
            || lower.hasSuffix("-token") || lower.hasSuffix("-key") || lower.hasSuffix("-secret")
    }

    /// The value as answers show it: ``maskedValue`` for a sensitive header.
    public var shownValue: String { isSensitive ? Self.maskedValue : value }

    /// This header ready to store for webhook `webhookId`: a sensitive value in clear is sealed with `cipher`.
    public func sealed(with cipher: SecretCipher, webhookId: String) -> WebhookHeader {
        guard isSensitive, sealedValue == nil else { return self }
        return WebhookHeader(name: name, sealedValue: cipher.seal(value, webhookId: webhookId))
    }

    /// The value to send: a sealed one opened through `open` (given the ciphertext), else the value in clear.
    public func valueToSend<E: Error>(open: ([UInt8]) throws(E) -> String) throws(E) -> String {
        guard let sealedValue else { return value }
        return try open(sealedValue)
    }
}

extension WebhookSettings {
    /// These settings ready to store for webhook `webhookId`: every sensitive header value sealed with `cipher`.
    public func sealingHeaders(with cipher: SecretCipher, webhookId: UUID) -> WebhookSettings {
        var sealed = self
        sealed.headers = headers.map { $0.sealed(with: cipher, webhookId: webhookId.uuidString) }
        return sealed
    }
}
