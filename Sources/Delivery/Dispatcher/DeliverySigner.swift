import Foundation
import Logging
import Storage
import WebhookCore

/// Why a claimed delivery could not be turned into a request; recorded as a failed attempt.
struct DeliverySigningError: Error, CustomStringConvertible {
    /// A message for the delivery log (never containing a secret).
    let description: String
    /// Whether the deployment is at fault (a secret or header that does not decrypt), rather than the owner's own
    /// change (a format that has no name for a delivery already queued): only the first is logged as an error.
    var isDeploymentFault = true
}

/// Turns a claimed delivery into the signed POST of one attempt, as the spec's "A delivery on the wire" describes,
/// written in the webhook's payload format.
///
/// The body depends only on the stored delivery (id, event type, the event's time, chatbot, stored `data`) and the
/// webhook's format, so every attempt sends the same bytes. The headers are, in order: the standard ones
/// (`Content-Type`, `User-Agent`, `<prefix>-Event` with the format's event name, `-Timestamp`, `-Delivery-Id`,
/// `-Attempt`, and `-Test: true` for test sends), the webhook's custom headers, then the scheme's signature headers,
/// signed at the time of this attempt with the current secret and, while it has not expired, the previous one
/// (newest first). The prefix is the deployment's for the standard and chat formats and the seed document's
/// otherwise (`X-Agentbot` for seed 003, `X-Webhook` for the others).
struct DeliverySigner: Sendable {
    let cipher: SecretCipher
    let headerPrefix: String
    let userAgent: String
    let dashboardURL: String?
    let logger: Logger?
    /// Secrets this signer opened before.
    let openedSecrets = OpenedSecrets()

    init(cipher: SecretCipher, configuration: DispatcherConfiguration, logger: Logger?) {
        self.cipher = cipher
        headerPrefix = configuration.headerPrefix
        userAgent = configuration.userAgent
        dashboardURL = configuration.dashboardURL
        self.logger = logger
    }

    /// The request for this attempt of `delivery`, signed at `now`, and what the delivery log keeps of it: the
    /// same headers with credentials masked (``WebhookHeader/isCredential(name:)``: the `token` scheme's headers and
    /// custom headers named as credentials, plus the custom headers the owner marked sensitive; signatures stay, a receiver's failing check is compared against
    /// them) and what the body was rendered with.
    func request(for delivery: ClaimedDelivery,
                 now: Date) throws(DeliverySigningError) -> (OutboundRequest, AttemptRequest) {
        let format = delivery.payloadFormat
        let deliveryId = delivery.id.uuidString.lowercased()
        let context = PayloadContext(deliveryId: deliveryId, chatbotId: delivery.chatbotId.uuidString.lowercased(),
                                     occurredAt: delivery.occurredAt, dashboardURL: dashboardURL,
                                     isTest: delivery.isTest)
        // Publishing queues only what the format names, but a webhook's format may change while deliveries wait.
        guard let type = EventType.named(delivery.eventType), let eventName = format.eventName(for: type.name),
              let body = format.body(eventType: type, data: Array(delivery.data.utf8), context: context)
        else {
            throw DeliverySigningError(
                description: "not sent: the \(format.rawValue) payload format has no event named for \(delivery.eventType)",
                isDeploymentFault: false)
        }
        let secrets = try self.secrets(of: delivery, now: now)
        let prefix = format.headerPrefix(deployment: headerPrefix)
        var headers = DeliveryHeaders.standard(
            prefix: prefix, eventType: eventName, deliveryId: deliveryId, timestamp: delivery.occurredAt,
            attempt: delivery.attemptNumber, isTest: delivery.isTest, userAgent: userAgent)
        headers += try customHeaders(of: delivery)
        let signature = delivery.signatureScheme.signatureHeaders(deliveryId: deliveryId, timestamp: now, body: body,
                                                                 secrets: secrets, headerPrefix: prefix)
        // Only a secret of the wrong form for the scheme signs nothing (management never stores one): never send unsigned.
        guard !signature.isEmpty else {
            throw DeliverySigningError(description:
                "cannot sign: the webhook's secret does not fit \(delivery.signatureScheme.rawValue)")
        }
        headers += signature.map { (format.spelling(ofHeader: $0.0), $0.1) }
        // The token scheme's headers end in -Secret and -Token whatever the prefix, so the name rule covers them.
        let marked = Set(delivery.headers.filter(\.isSensitive).map { $0.name.lowercased() })
        let logged = headers.map { (name, value) in
            let masked = WebhookHeader.isCredential(name: name) || marked.contains(name.lowercased())
            return AttemptRequest.Header(name: name, value: masked ? WebhookHeader.maskedValue : value)
        }
        let request = OutboundRequest(url: delivery.url, headers: headers, body: body,
                                      timeout: .milliseconds(max(1, delivery.timeoutMs)))
        return (request, AttemptRequest(headers: logged, payloadFormat: format, dashboardURL: dashboardURL))
    }

    /// The webhook's custom headers as sent: sealed (sensitive) values opened, through the cache of opened secrets.
    private func customHeaders(of delivery: ClaimedDelivery) throws(DeliverySigningError) -> [(String, String)] {
        let webhookId = delivery.webhookId.uuidString
        do {
            return try delivery.headers.map { header throws(SecretCipherError) in
                (header.name, try header.valueToSend { ciphertext throws(SecretCipherError) in
                    try openedSecrets.open(ciphertext, webhookId: webhookId, with: cipher)
                })
            }
        } catch {
            throw DeliverySigningError(description:
                "not sent: a custom header's value cannot be decrypted (was the master key changed?)")
        }
    }

    /// The live secrets, newest first: the current one, then the previous one while it has not expired.
    /// The current secret must open; a previous one that does not is skipped (with a warning), so a damaged
    /// leftover of a rotation cannot stop deliveries that the new secret signs.
    private func secrets(of delivery: ClaimedDelivery, now: Date) throws(DeliverySigningError) -> [WebhookSecret] {
        let webhookId = delivery.webhookId.uuidString
        let current: String
        do {
            current = try openedSecrets.open(delivery.secretCiphertext, webhookId: webhookId, with: cipher)
        } catch {
            throw DeliverySigningError(description:
                "cannot sign: the webhook's secret cannot be decrypted (was the master key changed?)")
        }
        var secrets = [WebhookSecret(stored: current)]
        if let ciphertext = delivery.previousSecretCiphertext, let expiry = delivery.previousSecretExpiresAt,
           expiry > now {
            do {
                let previous = try openedSecrets.open(ciphertext, webhookId: webhookId, with: cipher)
                secrets.append(WebhookSecret(stored: previous))
            } catch {
                logger?.warning("previous webhook secret cannot be decrypted; signing with the current one only",
                                metadata: ["webhookId": "\(delivery.webhookId)"])
            }
        }
        return secrets
    }
}
