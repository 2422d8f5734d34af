public import HTTPServer

/// Every `/api/v1` route.
public struct APIRoutes: Sendable {
    private let environment: APIEnvironment

    /// Creates the routes over `environment`.
    public init(environment: APIEnvironment) {
        self.environment = environment
    }

    /// Adds the routes to `router`.
    public func register(on router: Router) {
        let authentication = RequestAuthentication(authenticator: environment.authenticator)
        AuthRoutes(environment: environment, authentication: authentication).register(on: router)
        WebhookRoutes(environment: environment, authentication: authentication).register(on: router)
        EventRoutes(environment: environment, authentication: authentication).register(on: router)
        DeliveryRoutes(environment: environment, authentication: authentication).register(on: router)
        TestRoute(environment: environment, authentication: authentication).register(on: router)
        ChatbotRoutes(environment: environment, authentication: authentication).register(on: router)
        BillingRoutes(environment: environment, authentication: authentication).register(on: router)
        APIKeyRoutes(environment: environment, authentication: authentication).register(on: router)
        AdminRoutes(environment: environment).register(on: router)
    }
}
