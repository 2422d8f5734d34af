public import Foundation
public import Logging
public import Storage
public import WebhookCore

/// The answer to a test send: what happened to the one attempt, as the delivery log records it.
public struct TestSendResult: Sendable {
    /// The test delivery's id (also in the delivery log).
    public let deliveryId: UUID
    /// The `webhook.test` event's id.
    public let eventId: UUID
    /// The attempt: status code, duration, error, the first 4 KiB of the response body, and the verdict
    /// (`succeeded` or `failed`; test sends are never retried).
    public let outcome: DeliveryOutcome
    /// The raw HTTP result (response headers included), or `nil` when nothing was sent (the delivery could not be
    /// signed).
    public let response: OutboundResult?
    /// Whether the outcome was written to the delivery log. When the database failed, it was not, and the
    /// delivery is sent again by a dispatcher once its lease runs out.
    public let recorded: Bool
}

/// Sends test deliveries (`POST .../webhooks/{id}/test`) synchronously: queues a `webhook.test` delivery already
/// leased to itself, sends it at once on the calling thread with a short-lived HTTP client of its own, records
/// the attempt (logged, counters untouched) and returns the outcome.
///
/// Why not through the ``Dispatcher``: a test send answers an HTTP request that waits for it, at most once per
/// click, so the simplest correct design is a blocking call on the API's worker thread (at most the webhook's
/// timeout, 30 s, plus a moment) that shares nothing with the dispatcher thread and works in an API process
/// that runs no dispatcher. The lease is its own (`<owner>-test-<random>`), so a dispatcher stopping meanwhile
/// does not release it; if the process dies mid-send, the lease runs out and a dispatcher sends it (once, since
/// test sends are not retried). It uses the dispatcher's signing and outcome rules, so a test send looks exactly
/// like a real delivery plus `<prefix>-Test: true`.
public struct TestSender: Sendable {
    private let database: Database
    private let configuration: DispatcherConfiguration
    private let signer: DeliverySigner
    private let logger: Logger?

    /// A sender with the dispatcher's settings (header prefix, user agent, SSRF policy, body cap, lease).
    public init(database: Database, configuration: DispatcherConfiguration, cipher: SecretCipher, logger: Logger?) {
        self.database = database
        self.configuration = configuration
        self.signer = DeliverySigner(cipher: cipher, configuration: configuration, logger: logger)
        self.logger = logger
    }

    /// Queues a test event of `eventType` (`webhook.test` unless the webhook's format has no name for it) with
    /// `data` (compact JSON) for the tenant's webhook, sends it now, records the
    /// attempt and returns it; `nil` when the tenant has no such webhook. Works whether or not the webhook is
    /// active; gating (plan, role) is the caller's.
    ///
    /// - Throws: The database's error when the test delivery cannot be queued (nothing was sent then), or
    ///   ``DispatcherError`` when libcurl cannot make a client.
    public func send(tenantId: UUID, webhookId: UUID, eventType: String = "webhook.test", data: String,
                     occurredAt: Date = Date()) throws -> TestSendResult? {
        let owner = "\(configuration.owner)-test-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        guard let delivery = try database.read({
            try $0.deliveryQueue.enqueueTest(tenantId: tenantId, webhookId: webhookId, eventType: eventType, data: data,
                                             occurredAt: occurredAt, owner: owner, lease: configuration.lease,
                                             now: Date())
        }) else { return nil }

        let (outcome, response) = try attempt(delivery)
        let recorded = record(outcome, owner: owner)
        try? database.announceChanges(tenantIds: [tenantId]) // the webhook's counters changed
        return TestSendResult(deliveryId: delivery.id, eventId: delivery.eventId, outcome: outcome,
                              response: response, recorded: recorded)
    }

    /// Signs and sends one attempt and waits for its result.
    private func attempt(_ delivery: ClaimedDelivery) throws -> (DeliveryOutcome, OutboundResult?) {
        let startedAt = Date()
        let request: OutboundRequest
        let sent: AttemptRequest
        do {
            (request, sent) = try signer.request(for: delivery, now: startedAt)
        } catch {
            return (DeliveryOutcome(delivery: delivery, unsentBecause: error.description, at: startedAt), nil)
        }
        let client: CurlMultiClient
        do {
            client = try CurlMultiClient(configuration: configuration.httpClient)
        } catch {
            throw DispatcherError(description: error.description)
        }
        client.submit(request, tag: 1)
        // curl ends the transfer at its timeout; the extra second only guards against a result that never comes.
        let deadline = ContinuousClock.now + request.timeout + .seconds(1)
        var result: OutboundResult?
        while result == nil, ContinuousClock.now < deadline {
            result = client.poll(timeout: .milliseconds(100)).first
        }
        let response = result ?? OutboundResult(tag: 1, duration: startedAt.durationUntilNow, error: .timeout)
        let outcome = DeliveryOutcome(delivery: delivery, request: sent, result: response, startedAt: startedAt,
                                      now: Date(), bodyLimit: configuration.maxResponseBodyBytes)
        return (outcome, response)
    }

    /// Writes the attempt, trying three times over about a second; `false` when the database kept failing.
    private func record(_ outcome: DeliveryOutcome, owner: String) -> Bool {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .milliseconds(500))
        for attempt in 1...3 {
            do {
                let summary = try database.read {
                    try $0.deliveryQueue.record([outcome], owner: owner, now: Date(),
                                                autoDisableAfter: configuration.autoDisableAfter)
                }
                return !summary.applied.isEmpty
            } catch {
                logger?.warning("test send outcome not recorded", metadata: [
                    "deliveryId": "\(outcome.deliveryId)", "attempt": "\(attempt)", "error": "\(error)",
                ])
                if attempt < 3 { backoff.next().sleepBlocking() }
            }
        }
        return false
    }
}

extension Date {
    /// The time from this instant until now, as a `Duration`.
    fileprivate var durationUntilNow: Duration {
        .seconds(max(0, -timeIntervalSinceNow))
    }
}
