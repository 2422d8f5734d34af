public import Foundation
import Postgres
public import WebhookCore

/// Tenants and their billing state.
public struct TenantStore {
    let connection: PostgresConnection

    /// Creates a tenant with its subscription, in one statement.
    public func create(name: String, subscription: Subscription) throws -> Tenant {
        let rows = try connection.query(
            """
            WITH t AS (INSERT INTO tenants (name) VALUES ($1) RETURNING id, name, created_at),
                 s AS (INSERT INTO subscriptions (tenant_id, plan, webhooks_addon_status, webhooks_addon_interval)
                       SELECT id, $2, $3, $4 FROM t RETURNING tenant_id)
            SELECT t.id, t.name, t.created_at FROM t JOIN s ON s.tenant_id = t.id
            """,
            [name, subscription.plan.rawValue, subscription.webhooksAddon.status.rawValue,
             subscription.webhooksAddon.interval?.rawValue])
        guard let row = rows.first else { throw StorageError.database("tenant insert returned no row") }
        return Tenant(id: try row.decode(0), name: try row.decode(1), subscription: subscription,
                      createdAt: try row.decode(2))
    }

    /// The tenant with `id`, or `nil`.
    public func find(id: UUID) throws -> Tenant? {
        let rows = try connection.query(
            """
            SELECT t.id, t.name, t.created_at, s.plan, s.webhooks_addon_status, s.webhooks_addon_interval
            FROM tenants t JOIN subscriptions s ON s.tenant_id = t.id WHERE t.id = $1
            """,
            [id])
        guard let row = rows.first else { return nil }
        return Tenant(id: try row.decode(0), name: try row.decode(1),
                      subscription: try Self.subscription(row, from: 3), createdAt: try row.decode(2))
    }

    /// Replaces the tenant's billing state; returns `false` when there is no such tenant.
    public func setSubscription(tenantId: UUID, _ subscription: Subscription) throws -> Bool {
        try connection.execute(
            """
            UPDATE subscriptions
            SET plan = $2, webhooks_addon_status = $3, webhooks_addon_interval = $4, updated_at = now()
            WHERE tenant_id = $1
            """,
            [tenantId, subscription.plan.rawValue, subscription.webhooksAddon.status.rawValue,
             subscription.webhooksAddon.interval?.rawValue]) == 1
    }

    /// Decodes plan, add-on status and add-on interval from three consecutive columns.
    static func subscription(_ row: PostgresRow, from column: Int) throws -> Subscription {
        let planText: String = try row.decode(column)
        let statusText: String = try row.decode(column + 1)
        let intervalText: String? = try row.decode(column + 2)
        guard let plan = Plan(rawValue: planText), let status = WebhooksAddon.Status(rawValue: statusText) else {
            throw StorageError.corrupt("subscription \(planText)/\(statusText)")
        }
        return Subscription(plan: plan,
                            webhooksAddon: WebhooksAddon(status: status, interval: intervalText.flatMap(WebhooksAddon.Interval.init)))
    }
}
