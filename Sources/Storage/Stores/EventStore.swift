public import Foundation
import Postgres

/// Published events and the deliveries they queue.
public struct EventStore {
    let connection: PostgresConnection

    /// The `LISTEN`/`NOTIFY` channel that wakes the dispatchers when deliveries become due.
    public static let notificationChannel = "webhook_deliveries"

    /// Stores an event and queues one delivery per webhook of the tenant's chatbot that selects it, in one statement
    /// (so the event and its deliveries commit together even outside a transaction); when deliveries were queued,
    /// call ``Database/deliveryWakeUp``'s `nudge()` after the commit. On the retry path (an idempotency key taken
    /// meanwhile) a second statement reads the first event.
    ///
    /// A webhook gets a delivery when it is active, not disabled automatically, its `event_types` contain one of
    /// `subscriptionKeys` (every name that selects the event: its name, aliases, `prefix.*` and `*`, as
    /// `EventType.subscriptionKeys` lists them), and the tenant has the webhooks feature (plan `scale` or an active
    /// add-on). With an `idempotencyKey` already used for this tenant and chatbot, nothing is stored or queued and
    /// the first event's result comes back with `duplicate: true`; two concurrent publishes with the same key
    /// queue once.
    ///
    /// - Parameters:
    ///   - eventType: The canonical event type, stored on the event and its deliveries.
    ///   - data: The event's `data` as compact JSON text, stored verbatim.
    ///   - occurredAt: When the event happened.
    ///   - now: When the deliveries are queued (and first due).
    /// - Throws: ``StorageError/missingReference(constraint:)`` when the chatbot is not the tenant's.
    public func publish(tenantId: UUID, chatbotId: UUID, eventType: String, subscriptionKeys: [String],
                        idempotencyKey: String?, data: String, occurredAt: Date, now: Date = Date()) throws -> PublishResult {
        // A key taken by a transaction that commits meanwhile is found by the select after the insert; another pass
        // only happens if that event vanished in between (purged).
        for _ in 0..<3 {
            let rows = try connection.query(
                """
                WITH targets AS (
                    SELECT w.id FROM webhooks w JOIN subscriptions s ON s.tenant_id = w.tenant_id
                    WHERE w.tenant_id = $1 AND w.chatbot_id = $2 AND w.is_active AND w.disabled_reason IS NULL
                      AND w.event_types && $4::text[]
                      AND (s.plan = 'scale' OR s.webhooks_addon_status = 'active')
                ),
                event AS (
                    INSERT INTO events (tenant_id, chatbot_id, type, idempotency_key, data, occurred_at, deliveries_queued)
                    SELECT $1, $2, $3, $5, $6, $7, count(*) FROM targets
                    ON CONFLICT (tenant_id, chatbot_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                    RETURNING id, occurred_at, deliveries_queued
                ),
                queued AS (
                    INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, next_attempt_at, created_at,
                                            updated_at)
                    SELECT $1, t.id, e.id, $3, $8, $8, $8 FROM event e CROSS JOIN targets t
                    RETURNING id
                )
                SELECT e.id, e.occurred_at, (SELECT count(*) FROM queued) FROM event e
                """,
                [tenantId, chatbotId, eventType, subscriptionKeys, idempotencyKey, data, occurredAt, now])
            if let row = rows.first {
                return PublishResult(eventId: try row.decode(0), deliveriesQueued: try row.decode(2), duplicate: false,
                                     occurredAt: try row.decode(1))
            }
            guard let idempotencyKey else { throw StorageError.database("event insert returned no row") }
            let existing = try connection.query(
                """
                SELECT id, occurred_at, deliveries_queued FROM events
                WHERE tenant_id = $1 AND chatbot_id = $2 AND idempotency_key = $3
                """,
                [tenantId, chatbotId, idempotencyKey])
            if let row = existing.first {
                return PublishResult(eventId: try row.decode(0), deliveriesQueued: try row.decode(2), duplicate: true,
                                     occurredAt: try row.decode(1))
            }
        }
        throw StorageError.database("idempotency key neither inserted nor found")
    }
}
