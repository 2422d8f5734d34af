public import Foundation
internal import Cryptography

/// How a webhook's deliveries are signed; the raw values are the API's `signatureScheme` names.
///
/// Rotation: `secrets` lists the webhook's live secrets newest first (the new one and, during the grace period
/// after a rotation, the previous one). Schemes whose header can carry several signatures sign with all of them,
/// newest first; the single-value schemes, whose receivers compare one exact value (the seeds' verifiers), sign
/// their main header with the newest secret only, so a receiver that has switched to the new secret accepts the
/// delivery unchanged:
/// - `standard`: `v1,<new> v1,<old>` (space-separated, as Standard Webhooks specifies; its libraries try each).
/// - `standardEd25519`: `v1a,<new> v1a,<old>` likewise, each signed with one of the private keys; only `whsk_`
///   private keys sign (a secret of another form is skipped; none at all gives no headers).
/// - `timestamped`: `t=<ts>,v1=<new>,v1=<old>` (as Stripe does; seed 003's verifier reads the first `v1`).
/// - `hmacSHA256`, `hmacSHA256Prefixed`: the newest in `<prefix>-Signature`, and the older ones, space-separated
///   in the same format, in `<prefix>-Signature-Previous`, for receivers that still hold the old secret and
///   want to accept during the grace period.
/// - `token`: the newest secret only; the token is the secret itself, so older ones are never sent again.
public enum SignatureScheme: String, CaseIterable, Sendable, Codable {
    /// Standard Webhooks (Svix): `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.
    case standard
    /// `<prefix>-Signature: <hex HMAC-SHA256(secret, body)>` (seed 002).
    case hmacSHA256 = "hmac-sha256"
    /// `<prefix>-Signature: sha256=<hex HMAC-SHA256(secret, body)>` (seed 004, GitHub style).
    case hmacSHA256Prefixed = "hmac-sha256-prefixed"
    /// `<prefix>-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "{t}.{body}")>` (seed 003, Stripe style).
    case timestamped
    /// The secret itself in `<prefix>-Secret` and `<prefix>-Token` (seeds 000 and 001).
    case token
    /// Standard Webhooks' asymmetric signature: the same `webhook-id`, `webhook-timestamp` and `webhook-signature`
    /// headers as `standard`, with `v1a,<base64 ed25519 signature>` of `{id}.{timestamp}.{body}`. The secret is
    /// the private key (`whsk_…`); receivers verify with the public key (`whpk_…`) alone.
    case standardEd25519 = "standard-ed25519"

    /// Whether the scheme signs with a key pair (its secret is a private key, shown never) rather than a
    /// secret shared with the receiver.
    public var isAsymmetric: Bool { self == .standardEd25519 }

    /// The signature headers of one delivery, to send after the standard and custom headers.
    ///
    /// - Parameters:
    ///   - deliveryId: The delivery's id, stable across retries (`webhook-id` for `standard`).
    ///   - timestamp: When this attempt is signed; `standard` and `timestamped` send it as Unix seconds, and
    ///     receivers reject stale values (Standard Webhooks allows 5 minutes), so sign each attempt afresh.
    ///   - body: The exact body bytes sent.
    ///   - secrets: The live secrets, newest first (see the type's rotation notes). None gives no headers, nor
    ///     does a newest secret that cannot sign with this scheme (for `standardEd25519`, one that is no `whsk_` key).
    ///   - headerPrefix: The deployment's prefix, e.g. `X-Webhook` (not used by `standard`, whose names are fixed).
    public func signatureHeaders(
        deliveryId: String,
        timestamp: Date,
        body: [UInt8],
        secrets: [WebhookSecret],
        headerPrefix: String
    ) -> [(String, String)] {
        guard let newest = secrets.first else { return [] }
        let unixSeconds = String(WireTimestamp.unixSeconds(timestamp))
        let signatureName = "\(headerPrefix)-Signature"
        switch self {
        case .standard:
            let signed = signedContent(deliveryId: deliveryId, unixSeconds: unixSeconds, body: body)
            let signatures = secrets.map { "v1," + hmacSignature(signed, key: $0.hmacKey(for: self)) }
            return [
                ("webhook-id", deliveryId),
                ("webhook-timestamp", unixSeconds),
                ("webhook-signature", signatures.joined(separator: " ")),
            ]
        case .hmacSHA256, .hmacSHA256Prefixed:
            let label = self == .hmacSHA256Prefixed ? "sha256=" : ""
            var headers = [(signatureName, label + hmacSignature(body, key: newest.hmacKey(for: self)))]
            let previous = secrets.dropFirst().map { label + hmacSignature(body, key: $0.hmacKey(for: self)) }
            if !previous.isEmpty {
                headers.append(("\(signatureName)-Previous", previous.joined(separator: " ")))
            }
            return headers
        case .timestamped:
            let signed = signedContent(deliveryId: deliveryId, unixSeconds: unixSeconds, body: body)
            let signatures = secrets.map { ",v1=" + hmacSignature(signed, key: $0.hmacKey(for: self)) }
            return [(signatureName, "t=" + unixSeconds + signatures.joined())]
        case .token:
            return [("\(headerPrefix)-Secret", newest.text), ("\(headerPrefix)-Token", newest.text)]
        case .standardEd25519:
            guard newest.signingKey() != nil else { return [] }
            let signed = signedContent(deliveryId: deliveryId, unixSeconds: unixSeconds, body: body)
            let signatures = secrets.compactMap { $0.signingKey() }.map { "v1a," + Base64.encode($0.signature(for: signed)) }
            return [
                ("webhook-id", deliveryId),
                ("webhook-timestamp", unixSeconds),
                ("webhook-signature", signatures.joined(separator: " ")),
            ]
        }
    }

    /// Where and in what form the signature travels, for the API's create answer
    /// (`"security": {"headerName": …, "format": …}`), e.g. `X-Webhook-Signature` and `sha256=<hmac_signature>`.
    public func securityDescription(headerPrefix: String) -> (headerName: String, format: String) {
        switch self {
        case .standard: ("webhook-signature", "v1,<base64_hmac_signature>")
        case .hmacSHA256: ("\(headerPrefix)-Signature", "<hmac_signature>")
        case .hmacSHA256Prefixed: ("\(headerPrefix)-Signature", "sha256=<hmac_signature>")
        case .timestamped: ("\(headerPrefix)-Signature", "t=<unix_timestamp>,v1=<hmac_signature>")
        case .token: ("\(headerPrefix)-Token", "<secret> (also sent as \(headerPrefix)-Secret)")
        case .standardEd25519: ("webhook-signature", "v1a,<base64_ed25519_signature> (verify with publicKey)")
        }
    }

    /// The bytes this scheme signs for one request: `{id}.{timestamp}.{body}` for Standard Webhooks (both
    /// versions), `{timestamp}.{body}` for `timestamped`, the body alone for the plain HMAC schemes (`token` signs
    /// nothing). The signer and the inbox's check (``SignatureCheck``) both build it here.
    func signedContent(deliveryId: some StringProtocol, unixSeconds: some StringProtocol, body: [UInt8]) -> [UInt8] {
        switch self {
        case .standard, .standardEd25519: Array("\(deliveryId).\(unixSeconds).".utf8) + body
        case .timestamped: Array("\(unixSeconds).".utf8) + body
        case .hmacSHA256, .hmacSHA256Prefixed, .token: body
        }
    }

    /// The HMAC-SHA256 of `content` under `key` as this scheme writes it, without its label (`v1,`, `sha256=`,
    /// `v1=`): Base64 for `standard`, lowercase hex for the others.
    func hmacSignature(_ content: [UInt8], key: [UInt8]) -> String {
        let mac = HMACSHA256.authenticate(content, key: key)
        return self == .standard ? Base64.encode(mac) : Hex.encode(mac)
    }
}
