import Postgres

/// One borrowed database connection, possibly inside a transaction. The stores hang off it, so one session can
/// touch several tables atomically: `try database.transaction { try $0.tenants.create(...) }`.
public struct DatabaseSession {
    let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Tenants and their subscriptions.
    public var tenants: TenantStore { TenantStore(connection: connection) }
    /// Users.
    public var users: UserStore { UserStore(connection: connection) }
    /// Chatbots.
    public var chatbots: ChatbotStore { ChatbotStore(connection: connection) }
    /// API keys.
    public var apiKeys: APIKeyStore { APIKeyStore(connection: connection) }
    /// Webhooks.
    public var webhooks: WebhookStore { WebhookStore(connection: connection) }
    /// Dashboard sessions.
    public var sessions: SessionStore { SessionStore(connection: connection) }
    /// Failed-login counters.
    public var loginThrottle: LoginThrottleStore { LoginThrottleStore(connection: connection) }
}
