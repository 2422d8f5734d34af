import Delivery
import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

/// A migrated database with one Scale tenant and chatbot, helpers to create webhooks (secrets sealed with a
/// test master key), publish events (through the product's publisher and wake-up), run dispatchers, and read
/// rows back. Dispatchers it started are stopped, and its wake-up closed, when it goes away. Not `Sendable`: a test uses it from its own thread.
final class DispatchFixture {
    let database: Database
    let url: String
    let sql: PostgresConnection
    let cipher: SecretCipher
    /// Sends the `NOTIFY` after publishes that queued deliveries.
    let wakeUp: DeliveryWakeUp
    /// Publishes as the publishing endpoint does.
    let publisher: EventPublisher
    let tenantId: UUID
    let chatbotId: UUID
    private var started: [Dispatcher] = []

    /// A webhook as created: its id, settings and plaintext secret.
    struct Hook {
        let id: UUID
        let settings: WebhookSettings
        let secret: WebhookSecret
    }

    init() throws {
        let test = try TestDatabase.migrated()
        url = test.url
        database = try test.open(poolSize: 8)
        sql = try PostgresConnection(url: test.url)
        cipher = try SecretCipher(masterKey: [UInt8](repeating: 7, count: 32))
        wakeUp = DeliveryWakeUp(database: database)
        publisher = EventPublisher(database: database, wakeUp: wakeUp)
        (tenantId, chatbotId) = try database.transaction { session in
            let tenant = try session.tenants.create(name: "Acme", subscription: Subscription(plan: .scale))
            let chatbot = try session.chatbots.create(tenantId: tenant.id, name: "Support bot")
            return (tenant.id, chatbot.id)
        }
    }

    deinit {
        for dispatcher in started {
            dispatcher.stop(deadline: .now + .milliseconds(200))
        }
        sql.close()
        wakeUp.stop(deadline: .now + .seconds(1))
        database.close()
    }

    /// Creates a webhook through the store, sensitive header values sealed as the API seals them;
    /// `secretCiphertext` replaces the sealed secret when given.
    func webhook(url: String, scheme: String = "standard", maxRetries: Int = 3, retryDelayMs: Int = 100,
                 retryScheduleMs: [Int] = [], timeoutMs: Int = 5_000, maxConcurrency: Int = 16, headers: [WebhookHeader] = [],
                 isActive: Bool = true, secretCiphertext: [UInt8]? = nil, format: PayloadFormat = .standard,
                 eventTypes: [String] = ["lead.created"], id: UUID = UUID()) throws -> Hook {
        let secret = WebhookSecret.generate()
        let settings = WebhookSettings(
            name: "Hook", url: url, eventTypes: eventTypes, isActive: isActive, signatureScheme: scheme,
            payloadFormat: format,
            maxRetries: retryScheduleMs.isEmpty ? maxRetries : retryScheduleMs.count, retryDelayMilliseconds: retryDelayMs,
            retryScheduleMilliseconds: retryScheduleMs, timeoutMilliseconds: timeoutMs,
            maxConcurrency: maxConcurrency, headers: headers).sealingHeaders(with: cipher, webhookId: id)
        let ciphertext = secretCiphertext ?? cipher.seal(secret.text, webhookId: id.uuidString)
        _ = try database.transaction {
            try $0.webhooks.create(id: id, tenantId: tenantId, chatbotId: chatbotId, settings: settings,
                                   secretCiphertext: ciphertext, secretHint: secret.masked)
        }
        return Hook(id: id, settings: settings, secret: secret)
    }

    /// Pauses or resumes a webhook through the store.
    func setActive(_ hook: Hook, _ isActive: Bool) throws {
        var settings = hook.settings
        settings.isActive = isActive
        _ = try database.transaction {
            try $0.webhooks.update(tenantId: tenantId, chatbotId: chatbotId, id: hook.id, settings: settings)
        }
    }

    /// Publishes an event as the publishing endpoint does (its commit, then its `NOTIFY`).
    @discardableResult
    func publish(_ type: String = "lead.created", data: String = #"{"email":"a@example.com"}"#,
                 occurredAt: Date = Date()) throws -> PublishResult {
        let eventType = try #require(EventType.named(type))
        return try publisher.publish(EventPublication(
            tenantId: tenantId, chatbotId: chatbotId, eventType: eventType.name,
            subscriptionKeys: eventType.subscriptionKeys, idempotencyKey: nil, data: data, occurredAt: occurredAt))
    }

    /// The configuration tests start from: private targets allowed, a short poll interval.
    func configuration(_ adjust: (inout DispatcherConfiguration) -> Void = { _ in }) -> DispatcherConfiguration {
        var configuration = DispatcherConfiguration(
            owner: "test-" + UUID().uuidString.prefix(8).lowercased(), pollInterval: .milliseconds(100),
            headerPrefix: "X-Webhook", userAgent: "WebhooksTest/1.0", allowPrivateTargets: true)
        adjust(&configuration)
        return configuration
    }

    /// A started dispatcher listening for notifications, stopped when the fixture goes away.
    func startDispatcher(listening: Bool = true,
                         _ adjust: (inout DispatcherConfiguration) -> Void = { _ in }) throws -> Dispatcher {
        let listener = listening ? DatabaseListener(url: url, channels: [EventStore.notificationChannel]) : nil
        let dispatcher = try Dispatcher(database: database, listener: listener, configuration: configuration(adjust),
                                        cipher: cipher, logger: nil)
        try dispatcher.start()
        started.append(dispatcher)
        return dispatcher
    }

    // MARK: Reading rows

    struct DeliveryRow {
        var id: UUID
        var status: String
        var attemptCount: Int
        var leaseOwner: String?
        var nextAttemptAt: Date
        var lastStatusCode: Int?
        var lastError: String?
    }

    struct AttemptRow {
        var number: Int
        var startedAt: Date
        var durationMs: Int
        var statusCode: Int?
        var error: String?
        var responseBody: String?
    }

    struct Counters {
        var successCount: Int
        var failureCount: Int
        var lastTriggeredAt: Date?
        var lastSuccessAt: Date?
        var lastFailureAt: Date?
    }

    /// Every delivery, oldest first.
    func deliveries() throws -> [DeliveryRow] {
        try sql.query(
            """
            SELECT d.id, d.status, d.attempt_count, q.lease_owner, coalesce(q.due_at, d.next_attempt_at),
                   d.last_status_code, d.last_error
            FROM deliveries d LEFT JOIN delivery_queue q ON q.delivery_id = d.id ORDER BY d.created_at, d.id
            """
        ).map {
            DeliveryRow(id: try $0.decode(0), status: try $0.decode(1), attemptCount: try $0.decode(2),
                        leaseOwner: try $0.decode(3), nextAttemptAt: try $0.decode(4), lastStatusCode: try $0.decode(5),
                        lastError: try $0.decode(6))
        }
    }

    /// The only delivery.
    func onlyDelivery() throws -> DeliveryRow {
        let all = try deliveries()
        try #require(all.count == 1)
        return all[0]
    }

    func attempts(_ deliveryId: UUID) throws -> [AttemptRow] {
        try sql.query(
            """
            SELECT attempt_number, started_at, duration_ms, status_code, error, response_body
            FROM delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number
            """, [deliveryId]
        ).map {
            AttemptRow(number: try $0.decode(0), startedAt: try $0.decode(1), durationMs: try $0.decode(2),
                       statusCode: try $0.decode(3), error: try $0.decode(4), responseBody: try $0.decode(5))
        }
    }

    func counters(_ hook: Hook) throws -> Counters {
        let row = try #require(try sql.query(
            """
            SELECT success_count, failure_count, last_triggered_at, last_success_at, last_failure_at
            FROM webhooks WHERE id = $1
            """, [hook.id]).first)
        return Counters(successCount: try row.decode(0), failureCount: try row.decode(1),
                        lastTriggeredAt: try row.decode(2), lastSuccessAt: try row.decode(3),
                        lastFailureAt: try row.decode(4))
    }

    /// The first column of the first row `query` answers.
    func value<T: PostgresDecodable>(_ query: String, _ parameters: [any PostgresEncodable] = []) throws -> T {
        try #require(try sql.query(query, parameters).first).decode(0)
    }

    /// How many deliveries have this status.
    func count(status: String) throws -> Int {
        try #require(try sql.query("SELECT count(*) FROM deliveries WHERE status = $1", [status]).first).decode(0)
    }
}

extension ContinuousClock.Instant {
    /// Milliseconds from `earlier` to this instant.
    func milliseconds(since earlier: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = earlier.duration(to: self).components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
