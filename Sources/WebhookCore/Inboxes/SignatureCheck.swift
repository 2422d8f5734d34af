internal import Cryptography

/// Whether a received request carries a valid signature for a secret under one ``SignatureScheme``: what a
/// receiver written from the scheme's documentation would decide, for the inbox's "verify signature".
///
/// The header names are found whatever the deployment's prefix (`X-Webhook-Signature`, `X-Agentbot-Signature`):
/// any header ending in `-Signature` (or `-Secret`/`-Token` for `token`). The age of a timestamp is not checked:
/// a stored request is verified later than a receiver would. Every comparison is constant-time. For
/// `standard-ed25519` the "secret" is the webhook's public key (`whpk_…`), all a receiver holds.
public struct SignatureCheck: Sendable, Equatable {
    /// The scheme checked.
    public let scheme: SignatureScheme
    /// Whether one signature the request carries matches the secret.
    public let verified: Bool
    /// What was found, for people: which header held the matching signature, or why none matched.
    public let detail: String

    /// Checks `headers` and `body` against `secret` under `scheme`.
    public static func check(scheme: SignatureScheme, headers: [(name: String, value: String)], body: [UInt8],
                             secret: String) -> SignatureCheck {
        let key = WebhookSecret(stored: secret).hmacKey(for: scheme)
        func result(_ verified: Bool, _ detail: String) -> SignatureCheck {
            SignatureCheck(scheme: scheme, verified: verified, detail: detail)
        }
        switch scheme {
        case .standard:
            guard let id = value(headers, "webhook-id"), let timestamp = value(headers, "webhook-timestamp"),
                  let signature = value(headers, "webhook-signature")
            else { return result(false, "no webhook-id, webhook-timestamp and webhook-signature headers") }
            let content = scheme.signedContent(deliveryId: id, unixSeconds: timestamp, body: body)
            let expected = Array(scheme.hmacSignature(content, key: key).utf8)
            let matches = signature.split(separator: " ").contains { entry in
                entry.hasPrefix("v1,") && ConstantTime.equals(Array(entry.dropFirst(3).utf8), expected)
            }
            return matches ? result(true, "webhook-signature matches") : result(false, "webhook-signature does not match")
        case .hmacSHA256, .hmacSHA256Prefixed:
            let label = scheme == .hmacSHA256Prefixed ? "sha256=" : ""
            let candidates = signatureHeaders(headers)
            guard !candidates.isEmpty else { return result(false, "no -Signature header") }
            let expected = Array((label + scheme.hmacSignature(body, key: key)).utf8)
            for (name, value) in candidates {
                let signatures = name.lowercased().hasSuffix("-signature-previous") ? value.split(separator: " ").map(String.init) : [value]
                if signatures.contains(where: { ConstantTime.equals(Array($0.lowercased().utf8), expected) }) {
                    return result(true, "\(name) matches")
                }
            }
            return result(false, "\(candidates[0].name) does not match")
        case .timestamped:
            let candidates = signatureHeaders(headers).filter { !$0.name.lowercased().hasSuffix("-previous") }
            for (name, value) in candidates {
                let parts = value.split(separator: ",").map { $0.trimmingSpaces }
                guard let t = parts.first(where: { $0.hasPrefix("t=") })?.dropFirst(2) else { continue }
                let content = scheme.signedContent(deliveryId: "", unixSeconds: t, body: body)
                let expected = Array(scheme.hmacSignature(content, key: key).utf8)
                if parts.contains(where: { $0.hasPrefix("v1=") && ConstantTime.equals(Array($0.dropFirst(3).lowercased().utf8), expected) }) {
                    return result(true, "\(name) matches")
                }
                return result(false, "\(name) does not match")
            }
            return result(false, "no -Signature header of the form t=<unix>,v1=<hex>")
        case .token:
            let candidates = headers.filter {
                let name = $0.name.lowercased()
                return name.hasSuffix("-secret") || name.hasSuffix("-token")
            }
            guard !candidates.isEmpty else { return result(false, "no -Secret or -Token header") }
            if let match = candidates.first(where: { ConstantTime.equals(Array($0.value.utf8), Array(secret.utf8)) }) {
                return result(true, "\(match.name) matches")
            }
            return result(false, "\(candidates[0].name) does not match")
        case .standardEd25519:
            guard let id = value(headers, "webhook-id"), let timestamp = value(headers, "webhook-timestamp"),
                  let signature = value(headers, "webhook-signature")
            else { return result(false, "no webhook-id, webhook-timestamp and webhook-signature headers") }
            guard secret.hasPrefix(WebhookSecret.publicKeyPrefix),
                  let raw = Base64.decode(secret.dropFirst(WebhookSecret.publicKeyPrefix.count)),
                  let publicKey = try? Ed25519.PublicKey(rawRepresentation: raw)
            else { return result(false, "the key is not a whpk_ public key (the webhook's publicKey)") }
            let message = scheme.signedContent(deliveryId: id, unixSeconds: timestamp, body: body)
            let matches = signature.split(separator: " ").contains { entry in
                entry.hasPrefix("v1a,") && Base64.decode(entry.dropFirst(4)).map {
                    publicKey.isValidSignature($0, for: message)
                } == true
            }
            return matches ? result(true, "webhook-signature matches") : result(false, "webhook-signature does not match")
        }
    }

    /// The first value of the header `name` (case-insensitive).
    private static func value(_ headers: [(name: String, value: String)], _ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    /// The headers that may carry a hex signature: `<prefix>-Signature` and `<prefix>-Signature-Previous`, not
    /// Standard Webhooks' `webhook-signature`.
    private static func signatureHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.filter {
            let name = $0.name.lowercased()
            return name != "webhook-signature" && (name.hasSuffix("-signature") || name.hasSuffix("-signature-previous"))
        }
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
