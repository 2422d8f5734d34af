public import Foundation
public import WebhookCore

/// A delivery leased to one worker, with everything needed to sign and send it, as ``DeliveryQueue/claim(owner:limit:lease:now:)``
/// returns it in one round trip.
public struct ClaimedDelivery: Sendable, Equatable {
    /// The delivery's id: stable across retries (`X-Webhook-Delivery-Id`, Standard Webhooks' `webhook-id`).
    public let id: UUID
    /// The tenant owning the delivery.
    public let tenantId: UUID
    /// The webhook it goes to.
    public let webhookId: UUID
    /// The event it carries.
    public let eventId: UUID
    /// The event's canonical type, e.g. `lead.created`.
    public let eventType: String
    /// Whether this is a test send (`X-Webhook-Test: true`; counters untouched).
    public let isTest: Bool
    /// The number of this attempt over the delivery's whole life, from 1 (`X-Webhook-Attempt`, the attempt log).
    /// It keeps growing across redeliveries.
    public let attemptNumber: Int
    /// The number of this attempt within the current retry budget, from 1: the first attempt after publishing,
    /// redelivery or replay is 1. The sender compares it with ``maxRetries`` and uses it for the backoff.
    public let budgetAttempt: Int
    /// When the lease ends; unless recorded before then, the delivery becomes claimable again.
    public let leaseExpiresAt: Date
    /// The chatbot the event belongs to.
    public let chatbotId: UUID
    /// The event's `data` as compact JSON text, exactly as published.
    public let data: String
    /// When the event occurred.
    public let occurredAt: Date
    /// The target URL.
    public let url: String
    /// How the webhook's deliveries are signed.
    public let signatureScheme: SignatureScheme
    /// How the webhook's deliveries are written.
    public let payloadFormat: PayloadFormat
    /// The webhook's secret, encrypted with the master key.
    public let secretCiphertext: [UInt8]
    /// The secret being rotated out, encrypted, while it still signs beside the new one.
    public let previousSecretCiphertext: [UInt8]?
    /// Until when ``previousSecretCiphertext`` signs too.
    public let previousSecretExpiresAt: Date?
    /// The webhook's custom headers, in order, sent after the standard ones.
    public let headers: [WebhookHeader]
    /// Per-attempt timeout in milliseconds.
    public let timeoutMs: Int
    /// Retries after the first attempt of a budget.
    public let maxRetries: Int
    /// Base retry delay in milliseconds.
    public let retryDelayMs: Int
    /// The exact delay before each retry in milliseconds, replacing the backoff; empty when there is none.
    public let retryScheduleMs: [Int]
    /// Requests this webhook may have in flight at once.
    public let maxConcurrency: Int
    /// Whether the webhook takes its deliveries one at a time in publish order (`ordering: fifo`).
    public let isFifo: Bool
    /// Requests per second this webhook may get at most, or `nil` for no limit.
    public let rateLimit: Int?
    /// For a rate-limited webhook's claimed delivery: the start time reserved for it across every dispatcher, in
    /// seconds after the claim's answer (``PaceReservation``); `nil` when no slot was left for it within the lease
    /// (it is not to be sent: its lease returns it to the queue), and for every other delivery.
    public var reservedStart: Double?

    /// Creates a claimed delivery (the queue does; senders' tests may too).
    public init(id: UUID, tenantId: UUID, webhookId: UUID, eventId: UUID, eventType: String, isTest: Bool,
                attemptNumber: Int, budgetAttempt: Int, leaseExpiresAt: Date, chatbotId: UUID, data: String, occurredAt:
                Date, url: String, signatureScheme: SignatureScheme, payloadFormat: PayloadFormat = .standard,
                secretCiphertext: [UInt8], previousSecretCiphertext: [UInt8]?, previousSecretExpiresAt: Date?,
                headers: [WebhookHeader], timeoutMs: Int, maxRetries: Int, retryDelayMs: Int,
                retryScheduleMs: [Int] = [], maxConcurrency: Int, isFifo: Bool = false,
                rateLimit: Int? = nil) {
        self.id = id
        self.tenantId = tenantId
        self.webhookId = webhookId
        self.eventId = eventId
        self.eventType = eventType
        self.isTest = isTest
        self.attemptNumber = attemptNumber
        self.budgetAttempt = budgetAttempt
        self.leaseExpiresAt = leaseExpiresAt
        self.chatbotId = chatbotId
        self.data = data
        self.occurredAt = occurredAt
        self.url = url
        self.signatureScheme = signatureScheme
        self.payloadFormat = payloadFormat
        self.secretCiphertext = secretCiphertext
        self.previousSecretCiphertext = previousSecretCiphertext
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.headers = headers
        self.timeoutMs = timeoutMs
        self.maxRetries = maxRetries
        self.retryDelayMs = retryDelayMs
        self.retryScheduleMs = retryScheduleMs
        self.maxConcurrency = maxConcurrency
        self.isFifo = isFifo
        self.rateLimit = rateLimit
    }
}
