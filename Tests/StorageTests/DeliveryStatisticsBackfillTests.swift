import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport
import WebhookCore

/// A deployment upgrading to the statistics rollup (migration 0023) keeps its charts: the migration fills the
/// rollup from the last eight days of deliveries and attempts, test sends left out, so the statistics read
/// afterwards say what the log holds.
@Suite struct DeliveryStatisticsBackfillTests {
    @Test func theUpgradeFillsTheRollupFromTheLastEightDays() throws {
        let test = try TestDatabase.create()
        let all = try MigrationRunner.load(directory: TestPaths.migrations)
        let sql = try PostgresConnection(url: test.url)
        defer { sql.close() }
        _ = try MigrationRunner(migrations: all.migrations.filter { $0.version < 23 }).apply(on: sql)

        let ids: PostgresRows = try sql.query(
            """
            WITH t AS (INSERT INTO tenants (name) VALUES ('T') RETURNING id),
                 s AS (INSERT INTO subscriptions (tenant_id, plan, webhooks_addon_status) SELECT id, 'scale', 'none' FROM t),
                 c AS (INSERT INTO chatbots (tenant_id, name) SELECT id, 'Bot' FROM t RETURNING id, tenant_id)
            INSERT INTO webhooks (tenant_id, chatbot_id, name, url, event_types, headers, secret_ciphertext, secret_hint)
            SELECT tenant_id, id, 'Hook', 'https://receiver.example/hook', '{lead.created}', '{}', '\\x0102ff',
                   'whsec_...abcd'
            FROM c RETURNING tenant_id, id
            """)
        let row = try #require(ids.first)
        let tenant: UUID = try row.decode(0)
        let hook: UUID = try row.decode(1)
        // Two hours ago: a success (one attempt of 120 ms), a failure (two attempts), a retrying delivery and a test
        // send; ten days ago, outside what the upgrade fills: a success.
        try sql.execute(
            """
            WITH d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, is_test, status, attempt_count,
                                        created_at)
                SELECT $1, $2, gen_random_uuid(), 'lead.created', v.is_test, v.status, v.attempts,
                       now() - v.age * interval '1 hour'
                FROM (VALUES (false, 'succeeded', 1, 2), (false, 'failed', 2, 2), (false, 'pending', 1, 2),
                             (true, 'succeeded', 1, 2), (false, 'succeeded', 1, 240)) v (is_test, status, attempts, age)
                RETURNING id, created_at, attempt_count, status
            )
            INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code)
            SELECT $1, d.id, n, d.created_at + n * interval '1 second', 60 * n, CASE d.status WHEN 'succeeded' THEN 200 ELSE 500 END
            FROM d, generate_series(1, d.attempt_count) n
            """, [tenant, hook])

        let applied: [Int] = try all.apply(on: sql)
        #expect(applied.first == 23)  // and the later ones
        let database = try test.open()
        defer { database.close() }
        let day = try database.read {
            try $0.deliveryStatistics.statistics(tenantId: tenant, webhookId: hook, window: .day, now: Date())
        }
        let outcomes: [Int] = [day.totals.succeeded, day.totals.failed, day.totals.retrying, day.totals.pending]
        #expect(outcomes == [1, 1, 1, 0])
        #expect(day.totals.attempts == 4 && day.totals.latencyMaxMs == 120)
        #expect(day.health.succeeded == 1 && day.health.failed == 1)
        // The newest attempt: the failure's second, a second after the others.
        #expect(day.health.lastAttempt?.durationMs == 120 && day.health.lastAttempt?.statusCode == 500)
        let week = try database.read {
            try $0.deliveryStatistics.statistics(tenantId: tenant, webhookId: hook, window: .week, now: Date())
        }
        #expect(week.totals.succeeded == 1)  // the success of ten days ago is outside both windows
    }
}
