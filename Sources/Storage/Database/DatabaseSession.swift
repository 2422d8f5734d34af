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
    /// Portal links, redeemed once for a session scoped to one chatbot.
    public var portalLinks: PortalLinkStore { PortalLinkStore(connection: connection) }
    /// Failed-login counters.
    public var loginThrottle: LoginThrottleStore { LoginThrottleStore(connection: connection) }
    /// Published events; publishing queues their deliveries.
    public var events: EventStore { EventStore(connection: connection) }
    /// The delivery queue: claims, outcomes, redelivery, replay, retention.
    public var deliveryQueue: DeliveryQueue { DeliveryQueue(connection: connection) }
    /// The delivery log: deliveries and their attempts, for the dashboard.
    public var deliveryLog: DeliveryLogStore { DeliveryLogStore(connection: connection) }
    /// Delivery statistics of a webhook, for the dashboard's charts.
    public var deliveryStatistics: DeliveryStatisticsStore { DeliveryStatisticsStore(connection: connection) }
    /// Settings every process of the deployment shares.
    public var deploymentSettings: DeploymentSettingStore { DeploymentSettingStore(connection: connection) }
    /// Test inboxes and the requests they received.
    public var inboxes: InboxStore { InboxStore(connection: connection) }
}
