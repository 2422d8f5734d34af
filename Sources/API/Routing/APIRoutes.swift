public import HTTPServer

/// Every `/api/v1` route, with seed 004's `/api/test-webhook` and the inboxes' `/inbox/{token}`. Each family declares its routes, with their access rules, in its `...Routes.swift`;
/// the rules themselves are in `Auth/Access.swift`.
public struct APIRoutes: Sendable {
    private let environment: APIEnvironment

    /// Creates the routes over `environment`.
    public init(environment: APIEnvironment) {
        self.environment = environment
    }

    /// Adds the routes to `router`.
    public func register(on router: Router) {
        let routes = APIRouter(router: router, authentication: RequestAuthentication(
            authenticator: environment.authenticator, adminToken: environment.adminToken,
            trustedProxies: environment.trustedProxies, publicOrigin: environment.publicOrigin))
        AuthRoutes(environment: environment).register(on: routes)
        WebhookRoutes(environment: environment).register(on: routes)
        WebhookSettingsRoutes(environment: environment).register(on: routes)
        EventRoutes(environment: environment).register(on: routes)
        DeliveryRoutes(environment: environment).register(on: routes)
        TestRoute(environment: environment).register(on: routes)
        StatisticsRoute(environment: environment).register(on: routes)
        StatisticsBatchRoute(environment: environment).register(on: routes)
        ChatbotRoutes(environment: environment).register(on: routes)
        BillingRoutes(environment: environment).register(on: routes)
        APIKeyRoutes(environment: environment).register(on: routes)
        AdminRoutes(environment: environment).register(on: routes)
        InboxRoutes(environment: environment).register(on: routes)
        InboxReceiveRoute(environment: environment).register(on: routes)
        TestWebhookRoute().register(on: routes)
        PortalRoutes(environment: environment).register(on: routes)
    }
}
